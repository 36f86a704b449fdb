using VirtCrypt.Errors;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Execution;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Journal;

namespace VirtCrypt.Tests.Unit.Migration;

[TestFixture]
[Category("Unit")]
public class StepRunnerTests
{
    private static readonly string[] StepNames = ["CreateLv", "Format", "Open", "Copy", "Verify", "BackupHeader", "Define", "Start"];

    private string directory = null!;
    private JobStore store = null!;

    public enum Interruption
    {
        /// <summary>The step throws before doing anything (a failure, or a cancel).</summary>
        FailsBeforeItsWork,

        /// <summary>The step did its work, then the process died before "Completed" reached the journal.</summary>
        CrashesAfterItsWork,
    }

    [SetUp]
    public void CreateStore()
    {
        directory = Path.Combine(Path.GetTempPath(), $"virtcrypt-jobs-{Guid.NewGuid():N}");
        store = new JobStore(directory);
    }

    [TearDown]
    public void RemoveStore() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task Resume_AfterAnInterruptionAtAnyStep_EndsWithEveryEffectExactlyOnce(
        [Range(0, 7)] int failingStep, [Values] Interruption interruption)
    {
        var world = new World();
        await InterruptedRun(world, failingStep, interruption);

        var job = store.Load("job1");
        await new StepRunner(new JobJournal(job, store, TimeProvider.System)).RunAsync(Steps(world), CancellationToken.None);

        world.Effects.Should().BeEquivalentTo(StepNames);
        world.RunCounts.Where(kv => kv.Key != StepNames[failingStep]).Should().OnlyContain(kv => kv.Value == 1,
            "a completed step is never run again");
        store.Load("job1").History.Where(r => r.State == StepState.Completed).Select(r => r.Step)
            .Should().Equal(StepNames);
    }

    [Test]
    public async Task Rollback_AfterAnInterruptionAtAnyStep_UndoesExactlyWhatStarted_LastFirst(
        [Range(0, 7)] int failingStep, [Values] Interruption interruption)
    {
        var world = new World();
        await InterruptedRun(world, failingStep, interruption);

        var job = store.Load("job1");
        await new StepRunner(new JobJournal(job, store, TimeProvider.System)).RollbackAsync(Steps(world), CancellationToken.None);

        world.Effects.Should().BeEmpty();
        world.Undone.Should().Equal(StepNames.Take(failingStep + 1).Reverse());
        store.Load("job1").History.Where(r => r.State == StepState.Undone).Should().HaveCount(failingStep + 1);
    }

    [Test]
    public async Task Resume_OfARolledBackJob_IsRefused()
    {
        var world = new World();
        await InterruptedRun(world, 3, Interruption.FailsBeforeItsWork);
        var job = store.Load("job1");
        var runner = new StepRunner(new JobJournal(job, store, TimeProvider.System));
        await runner.RollbackAsync(Steps(world), CancellationToken.None);

        await runner.Invoking(r => r.RunAsync(Steps(world), CancellationToken.None))
            .Should().ThrowAsync<InvalidOperationStateException>().WithMessage("*rolled back*");
    }

    [Test]
    public async Task Rollback_WhoseUndoFails_NamesTheJobAndStep_AndASecondRollbackCarriesOnFromThatStep()
    {
        var world = new World();
        await InterruptedRun(world, 4, Interruption.CrashesAfterItsWork);
        world.FailingUndo = "Open";

        var failed = await new StepRunner(new JobJournal(store.Load("job1"), store, TimeProvider.System))
            .Invoking(r => r.RollbackAsync(Steps(world), CancellationToken.None))
            .Should().ThrowAsync<MigrationRollbackFailedException>();

        failed.Which.JobId.Should().Be("job1");
        failed.Which.Step.Should().Be("Open");
        failed.Which.Message.Should().Contain("step Open of disk vda").And.Contain("virtcrypt rollback job1");
        failed.Which.InnerException.Should().BeOfType<SimulatedCrash>();
        world.Undone.Should().Equal("Verify", "Copy");

        world.FailingUndo = null;
        await new StepRunner(new JobJournal(store.Load("job1"), store, TimeProvider.System)).RollbackAsync(Steps(world), CancellationToken.None);

        world.Undone.Should().Equal("Verify", "Copy", "Open", "Format", "CreateLv");
        world.Effects.Should().BeEmpty();
    }

    [Test]
    public async Task Resume_RunsAReassertedStepAgain_OnlyWhileLaterStepsArePending()
    {
        var world = new World();
        await InterruptedRun(world, 5, Interruption.FailsBeforeItsWork);
        world.Effects.Remove("Open");

        var steps = Steps(world);
        steps[2] = new FakeStep("Open", world) { Reassert = true };
        await new StepRunner(new JobJournal(store.Load("job1"), store, TimeProvider.System)).RunAsync(steps, CancellationToken.None);

        world.Effects.Should().Contain("Open", "a mapping lost to a reboot is opened again");
        world.RunCounts["Open"].Should().Be(2);
        await new StepRunner(new JobJournal(store.Load("job1"), store, TimeProvider.System)).RunAsync(steps, CancellationToken.None);
        world.RunCounts["Open"].Should().Be(2, "nothing is pending once every step completed");
    }

    [Test]
    public async Task Status_IsCompletedAfterTheLastStep_UnfinishedWhileARollbackStops_AndRolledBackAtItsEnd()
    {
        var world = new World();
        var runner = new StepRunner(new JobJournal(NewJob(), store, TimeProvider.System));
        store.Load("job1").Status.Should().Be(JobStatus.Unfinished);

        await runner.RunAsync(Steps(world), CancellationToken.None);
        store.Load("job1").Status.Should().Be(JobStatus.Completed);

        world.FailingUndo = "Copy";
        await runner.Invoking(r => r.RollbackAsync(Steps(world), CancellationToken.None)).Should().ThrowAsync<MigrationRollbackFailedException>();
        store.Load("job1").Status.Should().Be(JobStatus.Unfinished, "a part-way rollback leaves work behind");

        world.FailingUndo = null;
        await runner.RollbackAsync(Steps(world), CancellationToken.None);
        store.Load("job1").Status.Should().Be(JobStatus.RolledBack);
    }

    [Test]
    public async Task Cancellation_StopsBeforeTheNextStep_AndLeavesItUnstarted()
    {
        var world = new World();
        using var cancel = new CancellationTokenSource();
        var job = NewJob();
        var runner = new StepRunner(new JobJournal(job, store, TimeProvider.System));
        runner.StepStarting += step =>
        {
            if (step.Name == "Open")
            {
                cancel.Cancel();
            }
        };

        await runner.Invoking(r => r.RunAsync(Steps(world), cancel.Token)).Should().ThrowAsync<OperationCanceledException>();

        world.Effects.Should().BeEquivalentTo("CreateLv", "Format", "Open");
        store.Load("job1").StateOf("Verify", "vda").Should().BeNull();
    }

    private async Task InterruptedRun(World world, int failingStep, Interruption interruption)
    {
        world.Interrupt = (StepNames[failingStep], interruption);
        var runner = new StepRunner(new JobJournal(NewJob(), store, TimeProvider.System));
        await runner.Invoking(r => r.RunAsync(Steps(world), CancellationToken.None)).Should().ThrowAsync<SimulatedCrash>();
        world.Interrupt = null;
    }

    private MigrationJob NewJob()
    {
        var job = JobSamples.Job("job1");
        store.Save(job);
        return job;
    }

    private static List<IMigrationStep> Steps(World world) => StepNames.Select(n => (IMigrationStep)new FakeStep(n, world)).ToList();

    private sealed class World
    {
        internal HashSet<string> Effects { get; } = [];

        internal Dictionary<string, int> RunCounts { get; } = [];

        internal List<string> Undone { get; } = [];

        internal (string Step, Interruption How)? Interrupt { get; set; }

        internal string? FailingUndo { get; set; }
    }

    private sealed class SimulatedCrash : Exception;

    private sealed class FakeStep(string name, World world) : IMigrationStep
    {
        public string Name => name;

        public string? Disk => "vda";

        public bool Reassert { get; init; }

        public bool ReassertOnResume => Reassert;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            world.RunCounts[name] = world.RunCounts.GetValueOrDefault(name) + 1;
            if (world.Interrupt == (name, Interruption.FailsBeforeItsWork))
            {
                throw new SimulatedCrash();
            }

            world.Effects.Add(name);
            if (world.Interrupt == (name, Interruption.CrashesAfterItsWork))
            {
                throw new SimulatedCrash();
            }

            return Task.CompletedTask;
        }

        public Task UndoAsync(CancellationToken cancellationToken)
        {
            if (world.FailingUndo == name)
            {
                throw new SimulatedCrash();
            }

            world.Effects.Remove(name);
            world.Undone.Add(name);
            return Task.CompletedTask;
        }
    }
}
