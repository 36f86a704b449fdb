using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// Clone mode: defines the new domain (with copies of its NVRAM and TPM state). Retarget and Live mode: keeps the
/// domain's previous definition in the journal, then redefines it onto the encrypted disks (Live: and verifies that
/// the persistent definition now points there). Undo reverses exactly that.
/// </summary>
internal sealed class DefineStep(MigrationContext context) : IMigrationStep
{
    internal const string StepName = "Define";

    public string Name => StepName;

    public string? Disk => null;

    private bool IsClone => context.Plan.Request.Mode == MigrationMode.Clone;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (IsClone)
        {
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
            using var source = context.Hypervisor.GetDomain(context.Plan.SourceUuid);
            var xml = source.GetXml(secure: true, inactive: true);
            context.RecordFacts(f => f.WithPreviousDomainXml(xml));
        }
    }

    /// <summary>Defines the domain as it was before the job again, when its persistent definition uses any of the job's mappings.</summary>
    internal static void RestorePreviousDefinition(MigrationContext context)
    {
        using var domain = context.Hypervisor.FindDomain(context.Plan.TargetDomain);
        if (domain is null || domain.Uuid != context.Plan.SourceUuid || context.Facts.PreviousDomainXml is not { } previous)
        {
            return;
        }

        var mappers = context.Plan.Disks.Select(d => d.MapperPath).ToHashSet();
        if (domain.GetDefinition(inactive: true).Disks.Any(d => d.SourcePath is { } path && mappers.Contains(path)))
        {
            context.Report(StepName, null, $"restoring the previous definition of '{context.Plan.TargetDomain}'");
            using var restored = context.Hypervisor.Define(DomainDefinition.Parse(previous));
        }
    }

    public Task UndoAsync(CancellationToken cancellationToken)
    {
        if (!IsClone)
        {
            RestorePreviousDefinition(context);
            return Task.CompletedTask;
        }

        if (FindClone() is { } clone)
        {
            using (clone)
            {
                context.Report(Name, null, $"undefining '{clone.Name}'");
                if (clone.IsActive)
                {
                    clone.Destroy();
                }

                clone.Undefine(NvramHandling.Keep);
            }
        }

        foreach (var copy in context.Plan.FileCopies.Where(c => context.Facts.CopiedFiles.Any(f => f.Path == c.Destination)))
        {
            CloneFiles.Delete(copy.Destination);
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
    /// Copies a file the clone needs its own of (NVRAM, TPM state), recording first that this job makes it, so a
    /// rollback deletes it and never a namesake someone else made; an interrupted copy is made again.
    /// </summary>
    private void CopyForTheClone(FileCopyPlan copy)
    {
        var ours = context.Facts.CopiedFiles.Any(f => f.Path == copy.Destination);
        var exists = File.Exists(copy.Destination) || Directory.Exists(copy.Destination);
        if (exists && !ours)
        {
            throw new Errors.ObjectAlreadyExistsException(
                $"{copy.Destination} exists but was not made by job {context.Job.Id}; it is left alone. Move it away, then resume.");
        }

        context.RecordFacts(f => f.WithCopiedFile(new Migration.Journal.CopiedFile(copy.Destination, Directory.Exists(copy.Source), [])));
        if (exists)
        {
            CloneFiles.Delete(copy.Destination);
        }

        CloneFiles.Copy(copy);
    }

    /// <summary>The domain this job defined: found by the planned UUID, so a namesake is never touched.</summary>
    private Domain? FindClone()
    {
        var uuid = DomainDefinition.Parse(context.Plan.NewDomainXml).Uuid;
        var domain = context.Hypervisor.FindDomain(context.Plan.TargetDomain);
        if (domain is not null && domain.Uuid != uuid)
        {
            domain.Dispose();
            return null;
        }

        return domain;
    }
}
