using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Crypto;
using VirtCrypt.DeviceMapper;
using VirtCrypt.Errors;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Crypto;

/// <summary>
/// Device-mapper devices in every state a mapping's name can meet, made with dmsetup (test setup only): none, one
/// without a table (what a kill inside an activation leaves), a suspended one, one of another kind.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class DeviceMapperStateTests
{
    private const string NoTable = "vc_state_notable";
    private const string Zero = "vc_state_zero";
    private const string Suspended = "vc_state_suspended";
    private const string Striped = "vc_state_striped";

    [OneTimeSetUp]
    public void InsideTheTestHost() => TestHost.Require();

    [TearDown]
    public void RemoveTheDevices()
    {
        ExternalTool.RunToEnd("dmsetup", "resume", Suspended);
        foreach (var name in new[] { Striped, Suspended, Zero, NoTable })
        {
            ExternalTool.RunToEnd("dmsetup", "remove", name);
        }
    }

    [Test]
    public async Task Status_TellsNoMapping_AHalfMadeOne_ASuspendedOne_AndAnotherKind_Apart()
    {
        var uuid = CryptUuid(NoTable);
        ExternalTool.Run("dmsetup", "create", "--notable", NoTable, "--uuid", uuid);
        ExternalTool.Run("dmsetup", "create", Zero, "--table", "0 64 zero");
        ExternalTool.Run("dmsetup", "create", Suspended, "--table", "0 64 zero");
        ExternalTool.Run("dmsetup", "suspend", Suspended);
        ExternalTool.Run("dmsetup", "create", Striped, "--table", $"0 64 striped 1 8 /dev/mapper/{Zero} 0");

        LuksVolume.Status("vc_state_absent").Should().BeNull();
        var halfMade = FluentActions.Invoking(() => LuksVolume.Status(NoTable)).Should().Throw<UnusableMappingException>().Which;
        (halfMade.MappingName, halfMade.Defect, halfMade.DeviceMapperUuid).Should().Be((NoTable, MappingDefect.NoTable, uuid));
        halfMade.Message.Should().StartWith($"Cannot query /dev/mapper/{NoTable}: /dev/mapper/{NoTable} exists without a table")
            .And.NotContain("not available", "device-mapper works; the device is half-made");
        FluentActions.Invoking(() => LuksVolume.Status(Suspended)).Should().Throw<UnusableMappingException>()
            .Which.Defect.Should().Be(MappingDefect.Suspended);
        FluentActions.Invoking(() => LuksVolume.Status(Striped)).Should().Throw<UnusableMappingException>()
            .Which.Defect.Should().Be(MappingDefect.NotDmCrypt);

        await FluentActions.Awaiting(() => LuksVolume.CloseAsync(NoTable)).Should().ThrowAsync<UnusableMappingException>()
            .WithMessage($"Cannot close /dev/mapper/{NoTable}: *exists without a table*");
        Dmsetup.UuidOf(NoTable).Should().Be(uuid, "a close leaves an unusable device as it is");
    }

    [Test]
    public async Task RemoveOwn_RemovesOnlyAHalfMadeDeviceWithExactlyTheOwnUuid()
    {
        var own = CryptUuid(NoTable);
        ExternalTool.Run("dmsetup", "create", "--notable", NoTable, "--uuid", CryptUuid(NoTable));
        var foreign = await HalfMadeDevices.RemoveOwnAsync(NoTable, own, NullLogger.Instance, CancellationToken.None);
        foreign.Should().BeEquivalentTo(new { Removed = false, Device = new { Name = NoTable, HasLiveTable = false } });
        ExternalTool.Run("dmsetup", "remove", NoTable);

        ExternalTool.Run("dmsetup", "create", Zero, "--uuid", own, "--table", "0 64 zero");
        (await HalfMadeDevices.RemoveOwnAsync(Zero, own, NullLogger.Instance, CancellationToken.None)).Should().BeNull("it has a table");
        Dmsetup.UuidOf(Zero).Should().Be(own);
        ExternalTool.Run("dmsetup", "remove", Zero);

        ExternalTool.Run("dmsetup", "create", "--notable", NoTable, "--uuid", own);
        var removed = await HalfMadeDevices.RemoveOwnAsync(NoTable, own, NullLogger.Instance, CancellationToken.None);

        removed.Should().BeEquivalentTo(new { Removed = true, Device = new { Name = NoTable, Uuid = own } });
        Dmsetup.Exists(NoTable).Should().BeFalse("it is gone");
        var again = () => CryptsetupCall.Run(NullLogger.Instance, call =>
        {
            DmDevices.Remove(call, removed!.Device, "Cannot remove it again");
            return true;
        });
        again.Should().Throw<ObjectNotFoundException>().WithMessage(
            "Cannot remove it again: no such device-mapper device. (libdevmapper: device-mapper: remove ioctl on *failed: No such device or address)",
            "libdevmapper's own line reaches the exception through libcryptsetup's log function");
    }

    private static string CryptUuid(string name) => $"CRYPT-LUKS2-{Guid.NewGuid():N}-{name}";
}
