using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        // virDomainBlockCopyFlags
        internal const uint VIR_DOMAIN_BLOCK_COPY_SHALLOW = 1 << 0;
        internal const uint VIR_DOMAIN_BLOCK_COPY_REUSE_EXT = 1 << 1;
        internal const uint VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB = 1 << 2;

        /// <summary>Since libvirt 8.0.0: guest writes go to both sides synchronously, so the mirror converges under any write load.</summary>
        internal const uint VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES = 1 << 3;

        // Typed parameter names of virDomainBlockCopy.
        internal const string VIR_DOMAIN_BLOCK_COPY_BANDWIDTH = "bandwidth";
        internal const string VIR_DOMAIN_BLOCK_COPY_GRANULARITY = "granularity";
        internal const string VIR_DOMAIN_BLOCK_COPY_BUF_SIZE = "buf-size";

        // virDomainBlockJobAbortFlags
        internal const uint VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = 1 << 0;
        internal const uint VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = 1 << 1;

        /// <summary>virDomainBlockJobInfoFlags: report the bandwidth in bytes/s rather than MiB/s.</summary>
        internal const uint VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES = 1 << 0;

        internal const int VIR_DOMAIN_BLOCK_JOB_TYPE_COPY = 2;

        // virConnectDomainEventBlockJobStatus
        internal const int VIR_DOMAIN_BLOCK_JOB_COMPLETED = 0;
        internal const int VIR_DOMAIN_BLOCK_JOB_FAILED = 1;
        internal const int VIR_DOMAIN_BLOCK_JOB_CANCELED = 2;
        internal const int VIR_DOMAIN_BLOCK_JOB_READY = 3;

        /// <summary>C <c>virDomainBlockJobInfo</c>; <c>unsigned long bandwidth</c> is 64-bit here, hence <see cref="CULong"/>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct virDomainBlockJobInfo
        {
            internal int type;
            internal CULong bandwidth;
            internal ulong cur;
            internal ulong end;
        }

        /// <summary>
        /// Starts a copy job of <paramref name="disk"/> onto the destination described by <paramref name="destxml"/> (a
        /// <c>&lt;disk&gt;</c> element). <paramref name="parameters"/> may be null when <paramref name="nparams"/> is 0.
        /// </summary>
        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int virDomainBlockCopy(
            SafeDomainHandle dom, string disk, string destxml, virTypedParameter* parameters, int nparams, uint flags);

        /// <summary>Returns 1 and fills <paramref name="info"/> when a job runs on <paramref name="disk"/>, 0 when none does, -1 on error.</summary>
        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainGetBlockJobInfo(SafeDomainHandle dom, string disk, out virDomainBlockJobInfo info, uint flags);

        /// <summary>Ends the job on <paramref name="disk"/>: with <see cref="VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT"/> a ready copy switches over to its destination.</summary>
        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainBlockJobAbort(SafeDomainHandle dom, string disk, uint flags);
    }
}
