using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>
/// A migrated clone whose journal is then edited by hand, one claim at a time, to name what the job never made: a
/// volume, a tagged volume holding a filesystem, a running domain, an open mapping, a directory, a partial header
/// backup, a symbolic link in the job directory. Every resume and rollback refuses at the step that would touch it,
/// every bystander stays as it was (checksums, state), and the job itself is still rolled back completely.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class HandEditedJournalTests
{
    private static readonly (string, string?, string)[] VolumesOfVdaThenFormat =
        [("CreateLv", "vda", "Completed"), ("Format", "vda", "Started")];

    [Test]
    public async Task HandEditedJournals_AreRefusedWhereTheyWouldTouchABystander_AndTheJobStillRollsBack()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var bystanders = await Bystanders.CreateAsync(scenario);
        using var passphrase = MigrationScenario.NewPassphrase();
        var key = LuksKey.FromPassphrase(passphrase);
        var headers = Directory.CreateDirectory(Path.Combine(scenario.Work, "headers")).FullName;
        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request() with { HeaderBackupDirectory = headers });
        var id = (await scenario.Service.ExecuteAsync(plan, key)).JobId;
        var journal = new HandEditedJournal(scenario.Jobs, id);
        var group = await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName);
        await group.CreateLinearAsync("decoy", 8 << 20, ["virtcrypt_job_" + id]);
        ExternalTool.Run("mkfs.ext4", "-q", "/dev/vcmig/decoy");
        var decoy = MigrationScenario.Sha256("/dev/vcmig/decoy");

        // Resume: Format aimed at an untagged volume, then at one carrying the job's tag but holding a filesystem.
        journal.EditAsStoppedAt(VolumesOfVdaThenFormat, j => HandEditedJournal.Disk(j, "vda")["LvName"] = Bystanders.Volume);
        (await ResumeRefused(scenario, id, key)).Should().BeOfType<ForeignObjectException>()
            .Which.Message.Should().StartWith($"vcmig/precious is not job {id}'s: it lacks the tag virtcrypt_job_{id}");
        journal.EditAsStoppedAt(VolumesOfVdaThenFormat, j => HandEditedJournal.Disk(j, "vda")["LvName"] = "decoy");
        (await ResumeRefused(scenario, id, key)).Should().BeOfType<DeviceNotEmptyException>()
            .Which.Message.Should().Contain($"decoy carries job {id}'s tag but is not the empty volume the job created: libblkid finds a filesystem (ext4)");
        MigrationScenario.Sha256("/dev/vcmig/decoy").Should().Be(decoy);

        // Resume: the source's UUID replaced by the running bystander's; the mapping's name by the bystander's.
        journal.EditAsStoppedAt(
            [.. VolumeSteps("vda"), .. VolumeSteps("vdb"), ("DisableSourceAutostart", null, "Started")],
            j => j["Plan"]!["SourceUuid"] = bystanders.WebUuid.ToString("D"));
        (await ResumeRefused(scenario, id, key)).Should().BeOfType<ForeignObjectException>()
            .Which.Message.Should().StartWith($"The domain 'web' ({bystanders.WebUuid}) has the UUID job {id} recorded for the source");
        journal.EditAsStoppedAt([("CreateLv", "vda", "Completed"), ("Format", "vda", "Completed"), ("Open", "vda", "Started")],
            j => HandEditedJournal.Disk(j, "vda")["MapperName"] = Bystanders.VaultMapper);
        (await ResumeRefused(scenario, id, key)).Message.Should().Contain("/dev/mapper/cr_vault is open on another device");

        // A symbolic link where the journal is written: resume and rollback refuse before any step.
        journal.Restore();
        var link = journal.Path + ".tmp";
        File.CreateSymbolicLink(link, bystanders.File);
        await scenario.Service.Awaiting(s => s.RollbackAsync(id)).Should().ThrowAsync<InvalidOperationStateException>().WithMessage($"{link}*symbolic link*");
        await scenario.Service.Awaiting(s => s.ResumeAsync(id, key)).Should().ThrowAsync<InvalidOperationStateException>().WithMessage($"{link}*symbolic link*");
        File.Delete(link);

        // Rollback: the clone's UUID replaced by the bystander's; a directory the job never copied.
        journal.Edit(j =>
        {
            var plan = j["Plan"]!;
            plan["TargetDomain"] = Bystanders.Domain;
            plan["NewDomainXml"] = Regex.Replace((string)plan["NewDomainXml"]!, "<uuid>[^<]*</uuid>", $"<uuid>{bystanders.WebUuid}</uuid>");
        });
        (await RollbackRefused(scenario, id, "Define", null)).Message.Should().StartWith($"The domain 'web' ({bystanders.WebUuid}) has the UUID job {id} recorded for the clone");
        journal.Restore();
        journal.Edit(j =>
        {
            j["Plan"]!["FileCopies"] = new JsonArray(new JsonObject { ["Source"] = "/var/lib/libvirt/qemu/nvram/mail_VARS.fd", ["Destination"] = bystanders.Directory });
            j["Facts"]!["CopiedFiles"] = new JsonArray(new JsonObject { ["Path"] = bystanders.Directory, ["IsDirectory"] = true, ["Entries"] = new JsonArray("thesis.tex") });
        });
        (await RollbackRefused(scenario, id, "Define", null)).Message.Should().Be(
            $"{bystanders.Directory} is not what job {id} copied for the new domain: it holds chapters/, which the job did not copy. It is not this job's and is left alone; nothing was changed.");
        journal.Restore();
        using (var clone = scenario.Hypervisor.FindDomain("mail-clone"))
        {
            clone.Should().NotBeNull("every refusal so far came before any change");
        }

        // Rollback: header backups in another directory, where a partial backup of someone else's is being written.
        var elsewhere = Directory.CreateDirectory(Path.Combine(scenario.Work, "other-backups")).FullName;
        var partial = Path.Combine(elsewhere, "mail-clone_vdb.luks-header.partial");
        File.WriteAllText(partial, "another tool's backup in progress\n");
        journal.Edit(j => j["Plan"]!["Request"]!["HeaderBackupDirectory"] = elsewhere);
        (await RollbackRefused(scenario, id, "BackupHeader", "vdb")).Message.Should().StartWith($"{partial} (a partly written header backup) is not job {id}'s");
        File.ReadAllText(partial).Should().Be("another tool's backup in progress\n");
        journal.Edit(j => j["Plan"]!["Request"]!["HeaderBackupDirectory"] = headers);

        // Rollback: vda's volume renamed to the bystander's, reached once everything else of the job is undone.
        journal.Edit(j => HandEditedJournal.Disk(j, "vda")["LvName"] = Bystanders.Volume);
        (await RollbackRefused(scenario, id, "CreateLv", "vda")).Message.Should().Contain("precious exists but was not created by job");
        journal.Edit(j => HandEditedJournal.Disk(j, "vda")["LvName"] = "mail-clone_vda");

        await scenario.Service.RollbackAsync(id);

        bystanders.AssertUntouched();
        (await group.GetLogicalVolumesAsync()).Select(v => v.Name).Order().Should().Equal("decoy", "precious", "vault");
        Directory.GetFiles("/dev/mapper", "cr_*").Select(Path.GetFileName).Should().Equal(Bystanders.VaultMapper);
        scenario.Hypervisor.FindDomain("mail-clone").Should().BeNull();
        Directory.GetFiles(headers).Select(Path.GetFileName).Should().Equal(["mail-clone_vda.luks-header"],
            "vda's backup step was undone while the journal named another volume, whose backup it looked for and did not find");
        scenario.Jobs.Load(id).Status.Should().Be(JobStatus.RolledBack);
    }

    private static (string, string?, string)[] VolumeSteps(string disk) =>
        [("CreateLv", disk, "Completed"), ("Format", disk, "Completed"), ("Open", disk, "Completed")];

    /// <summary>Resumes the job, which must stop with a failed step; returns the step's error.</summary>
    private static async Task<Exception> ResumeRefused(MigrationScenario scenario, string id, LuksKey key)
    {
        var failed = await scenario.Service.Awaiting(s => s.ResumeAsync(id, key)).Should().ThrowAsync<MigrationFailedException>();
        return failed.Which.InnerException!;
    }

    /// <summary>Rolls the job back, which must stop at <paramref name="step"/>; returns the step's error.</summary>
    private static async Task<Exception> RollbackRefused(MigrationScenario scenario, string id, string step, string? disk)
    {
        var failed = await scenario.Service.Awaiting(s => s.RollbackAsync(id)).Should().ThrowAsync<MigrationRollbackFailedException>();
        (failed.Which.Step, failed.Which.Disk).Should().Be((step, disk));
        return failed.Which.InnerException!;
    }
}
