using Microsoft.Extensions.Logging;
using VirtCrypt.Errors;
using VirtCrypt.Storage;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Tests.Native.Storage;

/// <summary>liblvm2cmd on this host: no device-mapper and no volume groups, so only reads.</summary>
[TestFixture]
[Category("Native")]
public class LvmHostTests
{
    [Test]
    public async Task GetVolumeGroups_OnAHostWithoutAny_IsEmpty_AndLvmsDebugLinesAreLoggedBelowInformation()
    {
        var logger = new RecordingLogger<LvmHost>();
        using var host = new LvmHost(logger);

        (await host.GetVolumeGroupsAsync()).Should().BeEmpty();

        logger.Entries.Should().Contain(e => e.Level == LogLevel.Debug && e.Message.StartsWith("lvm vgs --reportformat json --units b --nosuffix --options vg_name,"));
        logger.Entries.Should().Contain(e => e.Level == LogLevel.Trace && e.Message.StartsWith("LVM: "));
        logger.Entries.Should().Contain(e => e.Level == LogLevel.Trace && e.Message.StartsWith("LVM report: "));
        logger.Entries.Should().NotContain(e => e.Level >= LogLevel.Information, "an empty listing is no news");
    }

    [Test]
    public async Task GetVolumeGroup_ThatDoesNotExist_IsNotFound()
    {
        using var host = new LvmHost();

        await FluentActions.Awaiting(() => host.GetVolumeGroupAsync("virtcrypt-no-such-vg")).Should().ThrowAsync<ObjectNotFoundException>()
            .WithMessage("Volume group virtcrypt-no-such-vg does not exist*");
    }

    [TestCase("--config=devices{filter=[\"r|.*|\"]}")]
    [TestCase("vg0 --yes")]
    [TestCase("vg\n0")]
    [TestCase("-ff")]
    public void AHostileName_NeverReachesLvm(string name)
    {
        var logger = new RecordingLogger<LvmHost>();
        using var host = new LvmHost(logger);

        Starting(() => host.GetVolumeGroupAsync(name)).Should().Throw<InvalidNameException>();
        Starting(() => host.CreateVolumeGroupAsync(name, ["/dev/null"])).Should().Throw<InvalidNameException>();
        Starting(() => host.RemoveVolumeGroupAsync(name)).Should().Throw<InvalidNameException>();
        Starting(() => host.CreateVolumeGroupAsync("virtcrypt-vg", [name])).Should().Throw<InvalidNameException>();

        logger.Entries.Should().BeEmpty("no command was built, so nothing ran");
    }

    /// <summary>Calling the method, not awaiting it: names are checked before any task starts.</summary>
    private static Action Starting(Func<Task> start) => () => start();

    [Test]
    public async Task Commands_FromManyThreadsAndHosts_AllRunOnTheOneLvmThread()
    {
        using var first = new LvmHost();
        using var second = new LvmHost();

        var listings = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => (i % 2 == 0 ? first : second).GetVolumeGroupsAsync())));

        listings.Should().AllSatisfy(vgs => vgs.Should().BeEmpty());
    }

    [Test]
    public async Task TheProcessUmask_IsKeptWhileLvmUsesItsOwn()
    {
        var before = umask(0b000_010_010);
        try
        {
            using (var host = new LvmHost())
            {
                await host.GetVolumeGroupsAsync();
            }

            umask(0b000_010_010).Should().Be(0b000_010_010u, "lvm2_init sets 077 and never restores it");
        }
        finally
        {
            _ = umask(before);
        }
    }

    [Test]
    public async Task AfterTheLastHostIsDisposed_ANewHostStartsLvmAgain()
    {
        var host = new LvmHost();
        host.Dispose();
        await FluentActions.Awaiting(() => host.GetVolumeGroupsAsync()).Should().ThrowAsync<ObjectDisposedException>();

        using var again = new LvmHost();
        (await again.GetVolumeGroupsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task ACanceledToken_StopsTheWorkBeforeItRuns()
    {
        using var host = new LvmHost();

        await FluentActions.Awaiting(() => host.GetVolumeGroupsAsync(new CancellationToken(canceled: true)))
            .Should().ThrowAsync<OperationCanceledException>();
    }
}
