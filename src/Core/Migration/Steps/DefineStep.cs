using VirtCrypt.Files;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Execution;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// Clone mode: defines the new domain (with copies of its NVRAM and TPM state). Retarget and Live mode: keeps the
/// domain's previous definition in the journal, then redefines it onto the encrypted disks (Live: and verifies that
/// the persistent definition now points there). Undo reverses exactly that, on domains and files proven the job's.
/// </summary>
internal sealed class DefineStep(MigrationContext context) : IMigrationStep
{
    public string Name => StepName.Define;

    public string? Disk => null;

    private bool IsClone => context.Plan.Request.Mode == MigrationMode.Clone;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        using (var source = JobDomains.GetSource(context))
        {
            JobDomains.RequirePlannedDefinition(context, source.GetDefinition(inactive: true));
        }

        if (IsClone)
        {
            // A domain with the clone's UUID is either this job's (an interrupted run defined it) or refused here.
            JobDomains.FindMigrated(context)?.Dispose();
            foreach (var copy in context.Plan.FileCopies)
            {
                CopyForTheClone(copy);
            }
        }
        else
        {
            RecordPreviousDefinition(context);
        }

        context.Report(Name, null, $"defining '{context.Plan.TargetDomain}' on the encrypted disks");
        using var domain = context.Hypervisor.Define(DomainDefinition.Parse(context.Plan.NewDomainXml));
        if (context.Plan.Request.Mode == MigrationMode.Live)
        {
            VerifyPersistentDefinition(domain);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Keeps the domain's persistent definition in the journal, once: Live mode does it before the first mirror, as
    /// libvirt may rewrite the persistent disk source itself at the switch-over.
    /// </summary>
    internal static void RecordPreviousDefinition(MigrationContext context)
    {
        if (context.Facts.PreviousDomainXml is null)
        {
            using var source = JobDomains.GetSource(context);
            var xml = source.GetXml(secure: true, inactive: true);
            context.RecordFacts(f => f.WithPreviousDomainXml(xml));
        }
    }

    /// <summary>
    /// Defines the domain as it was before the job again, when its persistent definition uses any of the job's mappings
    /// and the definition kept in the journal is the source's own.
    /// </summary>
    internal static void RestorePreviousDefinition(MigrationContext context)
    {
        using var domain = JobDomains.FindSource(context);
        if (domain is null || context.Facts.PreviousDomainXml is not { } previous)
        {
            return;
        }

        var mappers = context.Plan.Disks.Select(d => d.MapperPath).ToHashSet();
        if (domain.GetDefinition(inactive: true).Disks.Any(d => d.SourcePath is { } path && mappers.Contains(path)))
        {
            var definition = DomainDefinition.Parse(previous);
            JobDomains.RequireSourceDefinition(context, definition);
            context.Report(StepName.Define, null, $"restoring the previous definition of '{context.Plan.TargetDomain}'");
            using var restored = context.Hypervisor.Define(definition);
        }
    }

    public Task UndoAsync(CancellationToken cancellationToken)
    {
        if (!IsClone)
        {
            RestorePreviousDefinition(context);
            return Task.CompletedTask;
        }

        // Everything is checked before anything is changed.
        using var clone = JobDomains.FindMigrated(context);
        var copies = context.Facts.CopiedFiles;
        foreach (var copied in copies)
        {
            JobFiles.RequireAsCopied(context, copied);
        }

        if (clone is not null)
        {
            context.Report(Name, null, $"undefining '{clone.Name}'");
            if (clone.IsActive)
            {
                clone.Destroy();
            }

            clone.Undefine(NvramHandling.Keep);
        }

        foreach (var copied in copies)
        {
            JobFiles.DeleteCopied(context, copied);
        }

        return Task.CompletedTask;
    }

    /// <summary>Re-reads the persistent definition: the next cold boot must use the encrypted disks.</summary>
    private void VerifyPersistentDefinition(Domain domain)
    {
        var persistent = domain.GetDefinition(inactive: true);
        foreach (var disk in context.Plan.Disks)
        {
            var source = persistent.Disks.FirstOrDefault(d => d.Target == disk.Target)?.SourcePath;
            if (source != disk.MapperPath)
            {
                throw new Errors.VirtCryptException(
                    $"After redefining '{domain.Name}', its persistent definition points {disk.Target} at {source ?? "nothing"}, not {disk.MapperPath}: the next cold boot would not use the encrypted disk. Check the definition (virsh dumpxml --inactive {domain.Name}) and resume the job.");
            }
        }
    }

    /// <summary>
    /// Copies a file the clone needs its own of (NVRAM, TPM state), recording first what this job copies there, so a
    /// rollback deletes exactly that and never a namesake someone else made; an interrupted copy is made again.
    /// </summary>
    private void CopyForTheClone(FileCopyPlan copy)
    {
        if (JobFiles.Manifest(copy) is not { } manifest)
        {
            return;
        }

        var recorded = context.Facts.CopiedFiles.FirstOrDefault(c => c.Path == copy.Destination);
        if (recorded is null && FileStatus.OfEntry(copy.Destination) is not null)
        {
            throw new Errors.ObjectAlreadyExistsException(
                $"{copy.Destination} exists but was not made by job {context.Job.Id}; it is left alone. Move it away, then resume.");
        }

        if (recorded is not null)
        {
            JobFiles.DeleteCopied(context, recorded);
        }

        context.RecordFacts(f => f.WithCopiedFile(manifest));
        CloneFiles.Copy(copy);
    }
}
