using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Migration.Steps;
using VirtCrypt.Tests.Journal;
using VirtCrypt.Tests.Native.Libvirt;

namespace VirtCrypt.Tests.Native.Migration;

/// <summary>
/// Journals that name a domain the job never made (by its UUID, or by a definition they carry), on libvirt's test
/// driver: every step that would stop, start, undefine, redefine or switch the autostart of it refuses, and the
/// bystander "web" keeps running, defined as it was, with its autostart. The job's own clone is still undone.
/// </summary>
[TestFixture]
[Category("Native")]
[NonParallelizable]
public class ForeignDomainTests : TestDriverMigrationFixture
{
    private const string CloneMapper = "/dev/mapper/cr_mail-clone_vda";

    private Guid mailUuid;
    private Guid webUuid;
    private string webXml = null!;

    [SetUp]
    public void DefineMailAndARunningBystander()
    {
        using (var mail = Hypervisor.Define(TestDriver.MinimalDomain("mail")))
        {
            mailUuid = mail.Uuid;
        }

        using var web = Hypervisor.Define(TestDriver.MinimalDomain("web"));
        web.Start();
        web.Autostart = true;
        webUuid = web.Uuid;
        webXml = web.GetXml(inactive: true);
    }

    [Test]
    public async Task Rollback_OfACloneWhoseJournalGivesItTheBystandersUuid_IsRefused_AndTheBystanderRuns()
    {
        var bystanderAsClone = DomainDefinition.Parse(webXml);
        var job = Save(JobSamples.Job("20260101-000000-aaaaaa", ClonePlan(newDomainXml: bystanderAsClone.ToXml(), target: "web"))
            .Recording(StepName.Define, null, StepState.Completed)
            .Recording("Start", null, StepState.Completed));

        var refused = await Service.Awaiting(s => s.RollbackAsync(job.Id)).Should().ThrowAsync<MigrationRollbackFailedException>();

        refused.Which.Step.Should().Be("Start");
        refused.Which.InnerException.Should().BeOfType<ForeignObjectException>().Which.Message.Should().Be(
            $"The domain 'web' ({webUuid}) has the UUID job {job.Id} recorded for the clone, but is not what the job made of it: " +
            $"its disk vda is on /var/lib/libvirt/images/web.img, not on {CloneMapper}. It is not this job's and is left alone; nothing was changed.");
        BystanderIsUntouched();
        Jobs.Load(job.Id).History.Should().NotContain(r => r.State == StepState.Undone);
    }

    [Test]
    public async Task Rollback_OfARetargetWhoseJournalKeepsTheBystandersDefinitionAsThePrevious_IsRefused()
    {
        DomainDefinition onMapping;
        using (var mail = Hypervisor.GetDomain("mail"))
        {
            onMapping = DomainDefinition.Parse(mail.GetXml(inactive: true));
        }

        onMapping.Disks.Single().Element.Element("source")!.SetAttributeValue("file", "/dev/mapper/cr_mail_vda");
        using (Hypervisor.Define(onMapping))
        {
        }

        var plan = JobSamples.Plan("mail", new MigrationRequest { Domain = "mail", VolumeGroup = "vg0", Mode = MigrationMode.Retarget }, mailUuid,
            onMapping.ToXml(), disks: [JobSamples.Disk(mapper: "cr_mail_vda", sourcePath: "/var/lib/libvirt/images/mail.img")]);
        var job = Save(JobSamples.Job("20260101-000000-bbbbbb", plan).WithFacts(f => f.WithPreviousDomainXml(webXml))
            .Recording(StepName.Define, null, StepState.Completed));

        var refused = await Service.Awaiting(s => s.RollbackAsync(job.Id)).Should().ThrowAsync<MigrationRollbackFailedException>();

        refused.Which.InnerException.Should().BeOfType<ForeignObjectException>().Which.Message.Should().Be(
            $"The previous definition of 'mail' in job {job.Id}'s journal is not the one the job replaced: its UUID {webUuid} is not the source's {mailUuid}. It was not restored.");
        BystanderIsUntouched();
    }

    [Test]
    public async Task SourceStepsOnTheBystandersUuid_AreRefused()
    {
        var plan = JobSamples.Plan(request: new MigrationRequest { Domain = "mail", VolumeGroup = "vg0", ShutdownTimeout = TimeSpan.FromSeconds(5) },
            sourceUuid: webUuid, disks: [JobSamples.Disk(sourcePath: "/var/lib/libvirt/images/mail.img")]);
        var context = Context(Save(JobSamples.Job("20260101-000000-cccccc", plan).WithFacts(f => f.WithSourceAutostartSwitchedOff(true))));
        var expected = $"The domain 'web' ({webUuid}) has the UUID job 20260101-000000-cccccc recorded for the source, but is not what the job made of it: " +
            "it is named 'web', not 'mail'. It is not this job's and is left alone; nothing was changed.";

        await new DisableSourceAutostartStep(context).Awaiting(s => s.RunAsync(CancellationToken.None)).Should().ThrowAsync<ForeignObjectException>().WithMessage(expected);
        await new ShutdownSourceStep(context).Awaiting(s => s.RunAsync(CancellationToken.None)).Should().ThrowAsync<ForeignObjectException>().WithMessage(expected);
        await new DisableSourceAutostartStep(context).Awaiting(s => s.UndoAsync(CancellationToken.None)).Should().ThrowAsync<ForeignObjectException>().WithMessage(expected);
        using (var web = Hypervisor.GetDomain(webUuid))
        {
            web.Destroy();
        }

        var wasRunning = JobSamples.Job("20260101-000000-dddddd", JobSamples.Plan(sourceUuid: webUuid, sourceRunning: true, disks: [JobSamples.Disk()]));
        await new ShutdownSourceStep(Context(Save(wasRunning))).Awaiting(s => s.UndoAsync(CancellationToken.None)).Should().ThrowAsync<ForeignObjectException>();
        using var stopped = Hypervisor.GetDomain(webUuid);
        stopped.IsActive.Should().BeFalse("a refused undo starts nothing");
        stopped.Autostart.Should().BeTrue();
    }

    [Test]
    public async Task Define_OfADefinitionWithADiskThePlanDidNotDerive_IsRefused_AndNothingIsDefined()
    {
        var clone = CloneOfMail();
        clone.Root.Element("devices")!.Add(System.Xml.Linq.XElement.Parse(
            "<disk type='block' device='disk'><source dev='/dev/sda'/><target dev='vdz' bus='virtio'/></disk>"));
        var job = Save(JobSamples.Job("20260101-000000-eeeeee", ClonePlan(clone.ToXml())));

        await new DefineStep(Context(job)).Awaiting(s => s.RunAsync(CancellationToken.None)).Should().ThrowAsync<ForeignObjectException>()
            .WithMessage($"The new definition of 'mail-clone' in job {job.Id}'s journal is not one its plan can have made: its disk vdz (/dev/sda) is not the source's. Nothing was defined.");
        Hypervisor.FindDomain("mail-clone").Should().BeNull();
    }

    [Test]
    public async Task TheJobsOwnClone_IsDefinedAndUndefinedAgain()
    {
        var job = Save(JobSamples.Job("20260101-000000-ffffff", ClonePlan(CloneOfMail().ToXml())));
        var step = new DefineStep(Context(job));

        await step.RunAsync(CancellationToken.None);
        using (var defined = Hypervisor.FindDomain("mail-clone"))
        {
            defined.Should().NotBeNull();
        }

        await step.UndoAsync(CancellationToken.None);

        Hypervisor.FindDomain("mail-clone").Should().BeNull();
        BystanderIsUntouched();
    }

    [Test]
    public async Task APlanReadBackFromJson_IsNotExecuted()
    {
        var plan = await Service.PlanAsync(new MigrationRequest { Domain = "mail", VolumeGroup = "vc_absent" });
        var edited = MigrationJson.Serialize(plan).Replace("\"TargetDomain\": \"mail-clone\"", "\"TargetDomain\": \"web\"", StringComparison.Ordinal);
        var forged = (MigrationPlan)System.Text.Json.JsonSerializer.Deserialize(edited, MigrationJson.Options.GetTypeInfo(typeof(MigrationPlan)))!;
        forged.TargetDomain.Should().Be("web");
        using var passphrase = Secret.FromChars("never used");

        await Service.Awaiting(s => s.ExecuteAsync(forged, LuksKey.FromPassphrase(passphrase))).Should().ThrowAsync<MigrationRefusedException>()
            .WithMessage("The migration was refused, nothing was changed: [plan made by PlanAsync] This plan was not made by PlanAsync in this process*plan the migration again.");
        Directory.Exists(Jobs.Directory).Should().BeFalse();
    }

    [Test]
    public async Task ASecondMigration_IsRefusedWhileTheFirstIsUnfinished_NamingIt()
    {
        var first = Save(JobSamples.Job("20260101-000000-111111", JobSamples.Plan(sourceUuid: mailUuid))
            .Recording("CreateLv", "vda", StepState.Completed));
        File.WriteAllText(Path.Combine(Jobs.Directory, "20260101-000000-222222.json"), "{ damaged");

        var plan = await Service.PlanAsync(new MigrationRequest { Domain = "mail", VolumeGroup = "vc_absent" });

        plan.Checks.Should().ContainSingle(c => c.Id == PlanCheckId.NoUnfinishedJob).Which.Should().Be(new PlanCheck(
            "no unfinished job for the domain", false,
            $"job {first.Id} (Clone of 'mail' to 'mail-clone') is unfinished: resume it (virtcrypt resume {first.Id}) or roll it back (virtcrypt rollback {first.Id}) before another migration of 'mail'.") { Id = PlanCheckId.NoUnfinishedJob });
        using var passphrase = Secret.FromChars("never used");
        await Service.Awaiting(s => s.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase))).Should().ThrowAsync<MigrationRefusedException>()
            .WithMessage($"*job {first.Id} (Clone of 'mail' to 'mail-clone') is unfinished*");
        Jobs.List().Should().Equal(first.Id, "20260101-000000-222222");

        Save(first.With(JobStatus.RolledBack));
        (await Service.PlanAsync(new MigrationRequest { Domain = "mail", VolumeGroup = "vc_absent" }))
            .Checks.Single(c => c.Id == PlanCheckId.NoUnfinishedJob).Passed.Should().BeTrue("a rolled-back job holds nothing");
    }

    private MigrationPlan ClonePlan(string newDomainXml, string target = "mail-clone") =>
        JobSamples.Plan(target, new MigrationRequest { Domain = "mail", VolumeGroup = "vg0", Start = true }, mailUuid, newDomainXml,
            disks: [JobSamples.Disk(sourcePath: "/var/lib/libvirt/images/mail.img")]);

    /// <summary>mail's definition as the planner makes its clone: a name and UUID of its own, vda on the job's mapping.</summary>
    private DomainDefinition CloneOfMail()
    {
        using var mail = Hypervisor.GetDomain("mail");
        var clone = mail.GetDefinition(inactive: true);
        clone.Name = "mail-clone";
        clone.Uuid = Guid.NewGuid();
        var disk = clone.Disks.Single().Element;
        disk.SetAttributeValue("type", "block");
        disk.Element("source")!.ReplaceWith(new System.Xml.Linq.XElement("source", new System.Xml.Linq.XAttribute("dev", CloneMapper)));
        return clone;
    }

    private MigrationJob Save(MigrationJob job)
    {
        Jobs.Save(job);
        return job;
    }

    private MigrationContext Context(MigrationJob job) =>
        new(new JobJournal(job, Jobs, TimeProvider.System), Hypervisor, Lvm, null, NullLoggerFactory.Instance, null);

    private void BystanderIsUntouched()
    {
        using var web = Hypervisor.GetDomain(webUuid);
        web.IsActive.Should().BeTrue("the bystander keeps running");
        web.Autostart.Should().BeTrue();
        web.GetXml(inactive: true).Should().Be(webXml, "its definition is as it was");
    }
}
