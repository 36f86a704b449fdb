using VirtCrypt.Copy;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Tests.Journal;

/// <summary>Plans and journals as the planner and the steps make them, for tests of the journal, its store and the steps.</summary>
internal static class JobSamples
{
    internal static DiskPlan Disk(
        string target = "vda", string? lvName = null, string? mapper = null, string volumeGroup = "vg0", string? sourcePath = null, Guid? luksUuid = null,
        bool allowDiscards = false) =>
        new(target, sourcePath ?? $"/var/lib/libvirt/images/mail-{target}.img", DiskFormat.Raw, volumeGroup, lvName ?? "mail-clone_" + target,
            new VolumeLayout(1 << 20, 32 << 20, 16 << 20, 1 << 20, null), mapper ?? "cr_mail-clone_" + target, luksUuid ?? Guid.NewGuid(), allowDiscards);

    internal static MigrationPlan Plan(
        string targetDomain = "mail-clone",
        MigrationRequest? request = null,
        Guid? sourceUuid = null,
        string newDomainXml = "<domain/>",
        IReadOnlyList<FileCopyPlan>? fileCopies = null,
        bool sourceRunning = false,
        IReadOnlyList<PlanCheck>? checks = null,
        params DiskPlan[] disks) =>
        new(request ?? new MigrationRequest { Domain = "mail", VolumeGroup = "vg0" }, sourceUuid ?? Guid.NewGuid(), sourceRunning, targetDomain,
            disks.Length > 0 ? disks : [Disk()], newDomainXml, fileCopies ?? [], checks ?? [], []);

    internal static MigrationJob Job(string id, MigrationPlan? plan = null) => MigrationJob.Create(id, DateTimeOffset.UnixEpoch, plan ?? Plan());

    internal static MigrationJob Recording(this MigrationJob job, string step, string? disk, StepState state) =>
        job.With(new StepRecord(step, disk, state, DateTimeOffset.UnixEpoch));

    internal static MigrationJob WithFacts(this MigrationJob job, Func<JobFacts, JobFacts> change) => job.With(change(job.Facts));
}
