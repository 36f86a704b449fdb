using System.Diagnostics;
using VirtCrypt.Storage;
using static VirtCrypt.Interop.Interop.Lvm2Cmd;

namespace VirtCrypt.Tests.Unit.Storage;

/// <summary>
/// LVM runs every command without waiting for locks; a command that found a lock busy is recognized from LVM's own
/// lines and waited for here, where cancellation ends the wait at once.
/// </summary>
[TestFixture]
[Category("Unit")]
public class LvmLockWaitTests
{
    private const int ProcessingFailed = 5;

    [Test]
    public void ABusyGlobalLock_IsRecognized() =>
        LvmLockWait.FoundLockBusy(Failed("/run/lock/lvm/P_global: flock failed: Resource temporarily unavailable")).Should().BeTrue();

    [Test]
    public void ABusyVolumeGroupLock_IsRecognized() =>
        LvmLockWait.FoundLockBusy(Failed(
            "/run/lock/lvm/V_vg0: flock failed: Ressource temporairement non disponible", "Can't get lock for vg0.", "Cannot process volume group vg0"))
            .Should().BeTrue("LVM's own words decide, whatever language the system error is in");

    [Test]
    public void AnyOtherFailure_IsNotALockWait() =>
        LvmLockWait.FoundLockBusy(Failed("Volume group \"vg0\" not found", "Cannot process volume group vg0")).Should().BeFalse();

    [Test]
    public void ASucceededCommand_IsNotALockWait() =>
        LvmLockWait.FoundLockBusy(new LvmOutput("vgs", LVM2_COMMAND_SUCCEEDED,
            [new LvmLogLine(LVM2_LOG_PRINT, "WARNING: flock failed on an unrelated file")], [])).Should().BeFalse();

    [Test]
    public void Pauses_GrowFrom50MillisecondsToOneSecond()
    {
        var pauses = new List<TimeSpan>();
        TimeSpan? pause = null;
        for (var i = 0; i < 7; i++)
        {
            pause = LvmLockWait.Next(pause);
            pauses.Add(pause.Value);
        }

        pauses.Select(p => p.TotalMilliseconds).Should().Equal(50, 100, 200, 400, 800, 1000, 1000);
    }

    [Test]
    public void Cancellation_EndsAPauseAtOnce()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var started = Stopwatch.StartNew();

        FluentActions.Invoking(() => LvmLockWait.Pause(TimeSpan.FromMinutes(1), "vgs", cancellation.Token))
            .Should().Throw<OperationCanceledException>().WithMessage("Interrupted while waiting for an LVM lock (lvm vgs); nothing was changed by that command.");
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    private static LvmOutput Failed(params string[] errors) =>
        new("vgs", ProcessingFailed, errors.Select(e => new LvmLogLine(LVM2_LOG_ERROR, e)).ToList(), []);
}
