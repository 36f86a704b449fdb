using System.Xml.Linq;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Libvirt;

/// <summary>Block jobs: mirroring a running domain's disk to a new device and switching over to it.</summary>
public sealed partial class Domain
{
    /// <summary>The running domain's id, which changes with every start (so it tells a restart apart); null when shut off.</summary>
    public int? Id => virDomainGetID(handle) is var id && id >= 0 ? id : null;

    /// <summary>
    /// Starts mirroring the disk <paramref name="target"/> of the running domain onto an existing raw block device:
    /// first a bulk copy, then every guest write goes to both. Watch it with <see cref="GetBlockJob"/> or
    /// <see cref="Hypervisor.BlockJob"/>; once ready, <see cref="AbortBlockJob"/> with pivot switches the guest over.
    /// </summary>
    /// <exception cref="OperationNotSupportedException">The hypervisor has no block copy (libvirt's test driver, for one).</exception>
    /// <exception cref="InvalidOperationStateException">The domain is not running, or the disk already has a block job.</exception>
    internal void StartBlockCopy(string target, BlockCopyOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentNullException.ThrowIfNull(options);
        var destination = new XElement("disk",
            new XAttribute("type", "block"),
            new XElement("source", new XAttribute("dev", options.DestinationDevice)),
            new XElement("driver", new XAttribute("type", "raw"))).ToString(SaveOptions.DisableFormatting);
        using var parameters = BlockCopyParameters.Build(options);
        var flags = BlockCopyParameters.Flags(options);
        var action = $"start the block copy of disk '{target}' of domain '{Name}' onto {options.DestinationDevice}";
        if (LibvirtBlockCopy.Start(handle, target, destination, parameters, flags) == 0)
        {
            LibvirtLog.BlockCopyStarted(logger, Name, target, options.DestinationDevice);
            return;
        }

        var error = LibvirtLastError.Take();
        if (error.Code != VIR_ERR_OPERATION_INVALID || !IsPersistent)
        {
            throw LibvirtErrors.ToException(error, action);
        }

        // libvirt before 6.0 (or qemu without -blockdev) cannot recover a copy job of a persistent domain and refuses
        // it ("domain is not transient") unless the job is declared transient, which libvirt accepts since 3.5.0.
        LibvirtErrors.Check(LibvirtBlockCopy.Start(handle, target, destination, parameters, flags | VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB), action);
        LibvirtLog.BlockCopyStarted(logger, Name, target, options.DestinationDevice);
    }

    /// <summary>The block job running on the disk <paramref name="target"/>, or null when none runs.</summary>
    /// <exception cref="OperationNotSupportedException">The hypervisor has no block jobs.</exception>
    /// <exception cref="InvalidOperationStateException">The domain is not running.</exception>
    internal BlockJobInfo? GetBlockJob(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var found = LibvirtErrors.Check(
            virDomainGetBlockJobInfo(handle, target, out var info, VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES),
            $"read the block job of disk '{target}' of domain '{Name}'");
        return found == 0 ? null : new BlockJobInfo(
            (BlockJobType)info.type, checked((long)info.bandwidth.Value), checked((long)info.cur), checked((long)info.end));
    }

    /// <summary>
    /// Ends the block job on the disk <paramref name="target"/>. With <paramref name="pivot"/> a ready copy switches the
    /// guest over to the destination; without, the guest stays on its disk and the destination is left as it is.
    /// </summary>
    /// <param name="target">The disk's target, for example <c>vda</c>.</param>
    /// <param name="pivot">Switch over to the copy (only for a ready copy job).</param>
    /// <param name="wait">Return once the job is gone; otherwise only request it (the end arrives as a <see cref="Hypervisor.BlockJob"/> event).</param>
    /// <exception cref="InvalidOperationStateException">No job runs on the disk, or a pivot was asked of a copy that is not ready.</exception>
    internal void AbortBlockJob(string target, bool pivot = false, bool wait = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var flags = (pivot ? VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT : 0) | (wait ? 0 : VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC);
        LibvirtErrors.Check(virDomainBlockJobAbort(handle, target, flags),
            $"{(pivot ? "pivot" : "abort")} the block job of disk '{target}' of domain '{Name}'");
        LibvirtLog.BlockJobEnded(logger, Name, target, pivot ? "Pivoted" : "Aborted");
    }
}
