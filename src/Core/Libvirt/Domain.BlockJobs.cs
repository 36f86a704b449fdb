using VirtCrypt.Errors;

namespace VirtCrypt.Libvirt;

/// <summary>Block jobs: mirroring a running domain's disk to a new device and switching over to it.</summary>
public sealed partial class Domain
{
    /// <summary>The running domain's id, which changes with every start (so it tells a restart apart); null when shut off.</summary>
    public int? Id => LibvirtProxy.Id(handle);

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
        LibvirtProxy.StartBlockCopy(handle, Name, target, options);
        LibvirtLog.BlockCopyStarted(logger, Name, target, options.DestinationDevice);
    }

    /// <summary>The block job running on the disk <paramref name="target"/>, or null when none runs.</summary>
    /// <exception cref="OperationNotSupportedException">The hypervisor has no block jobs.</exception>
    /// <exception cref="InvalidOperationStateException">The domain is not running.</exception>
    internal BlockJobInfo? GetBlockJob(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        return LibvirtProxy.BlockJob(handle, Name, target);
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
        LibvirtProxy.AbortBlockJob(handle, Name, target, pivot, wait);
        LibvirtLog.BlockJobEnded(logger, Name, target, pivot ? "Pivoted" : "Aborted");
    }
}
