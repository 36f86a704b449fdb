using VirtCrypt.Errors;
using VirtCrypt.Storage;

namespace VirtCrypt.Tests.Unit.Storage;

[TestFixture]
[Category("Unit")]
public class LvmErrorsTests
{
    /// <summary>Error lines liblvm2cmd 2.03.16 logged for real (host and nested test host).</summary>
    private static IEnumerable<TestCaseData> RealFailures()
    {
        yield return Case<ObjectNotFoundException>("Volume group \"nosuchvg\" not found", "Cannot process volume group nosuchvg");
        yield return Case<ObjectNotFoundException>("Failed to find logical volume \"vgt/nosuch\"");
        yield return Case<ObjectAlreadyExistsException>("Logical Volume \"lv1\" already exists in volume group \"vgt\"");
        yield return Case<ResourceBusyException>("Logical volume vgt/lv1 in use.");
        yield return Case<InsufficientSpaceException>("Volume group \"vgt\" has insufficient free space (58 extents): 954 required.");
        yield return Case<DeviceNotEmptyException>("Aborted wiping of ext4.");
        yield return Case<DeviceMapperUnavailableException>(
            "/dev/mapper/control: open failed: No such device", "Failure to communicate with kernel device-mapper driver.");
        yield return Case<LvmException>("Invalid argument for --reportformat: json_std", "Error during parsing of command line.");
    }

    [TestCaseSource(nameof(RealFailures))]
    public void ToException_PicksTheTypeFromLvmsErrorLines_AndKeepsThemInTheMessage(Type expected, string[] errors)
    {
        var output = new LvmOutput("lvcreate --quiet --quiet vg0", 5, [.. errors.Select(e => new LvmLogLine(3, e)), new LvmLogLine(7, "debug noise")], []);

        var exception = LvmErrors.ToException(output, "Creating logical volume vg0/data");

        exception.Should().BeOfType(expected);
        exception.Message.Should().StartWith("Creating logical volume vg0/data failed: " + errors[0])
            .And.Contain("lvm lvcreate --quiet --quiet vg0").And.NotContain("debug noise");
        exception.NativeError.Should().Be(new NativeError(NativeLibraryKind.Lvm, 5, string.Join("\n", errors)));
    }

    [Test]
    public void ToException_WithoutErrorLines_UsesLvmsWarnings()
    {
        var output = new LvmOutput("vgs", 5, [new LvmLogLine(4, "WARNING: Device /dev/x not found."), new LvmLogLine(4, "printed output")], []);

        LvmErrors.ToException(output, "Listing").Message.Should().Be("Listing failed: WARNING: Device /dev/x not found. (lvm vgs, return code 5).");
    }

    [Test]
    public void Ensure_OfASuccess_DoesNothing() =>
        FluentActions.Invoking(() => LvmErrors.Ensure(new LvmOutput("version", 1, [new LvmLogLine(3, "device-mapper: harmless")], []), "x"))
            .Should().NotThrow();

    [TestCase(2, "x", Microsoft.Extensions.Logging.LogLevel.Error)]
    [TestCase(3, "x", Microsoft.Extensions.Logging.LogLevel.Error)]
    [TestCase(4, "WARNING: x", Microsoft.Extensions.Logging.LogLevel.Warning)]
    [TestCase(4, "Logical volume \"lv1\" created.", Microsoft.Extensions.Logging.LogLevel.Information)]
    [TestCase(5, "Archiving volume group", Microsoft.Extensions.Logging.LogLevel.Debug)]
    [TestCase(6, "x", Microsoft.Extensions.Logging.LogLevel.Debug)]
    [TestCase(7, "x", Microsoft.Extensions.Logging.LogLevel.Trace)]
    public void LogRouting_KeepsLvmsDebugNoiseBelowInformation(int level, string text, Microsoft.Extensions.Logging.LogLevel expected) =>
        LvmLogRouting.LevelOf(new LvmLogLine(level, text)).Should().Be(expected);

    private static TestCaseData Case<T>(params string[] errors) => new TestCaseData(typeof(T), errors).SetArgDisplayNames(typeof(T).Name, errors[0]);
}
