using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        internal const int VIR_DOMAIN_EVENT_ID_LIFECYCLE = 0;
        internal const int VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2 = 16;

        /// <summary>Must run before the first connection is opened for events to be delivered.</summary>
        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virEventRegisterDefaultImpl();

        /// <summary>Runs one iteration of the default event loop: blocks until an event or timer fires.</summary>
        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virEventRunDefaultImpl();

        /// <summary>
        /// <paramref name="cb"/> is cast to the callback type of <paramref name="eventID"/>; for
        /// <see cref="VIR_DOMAIN_EVENT_ID_LIFECYCLE"/> it is <c>void (*)(virConnectPtr, virDomainPtr, int event, int detail, void *opaque)</c>.
        /// <paramref name="freecb"/> releases <paramref name="opaque"/> once libvirt has dropped the registration.
        /// </summary>
        [LibraryImport(Libraries.Libvirt)]
        internal static unsafe partial int virConnectDomainEventRegisterAny(
            SafeConnectHandle conn, IntPtr dom, int eventID, IntPtr cb, IntPtr opaque, delegate* unmanaged<IntPtr, void> freecb);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virConnectDomainEventDeregisterAny(SafeConnectHandle conn, int callbackID);

        /// <summary>The raw-pointer overloads used inside a callback, where libvirt owns the domain reference.</summary>
        [LibraryImport(Libraries.Libvirt)]
        internal static partial IntPtr virDomainGetName(IntPtr domain);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainGetUUIDString(IntPtr domain, Span<byte> buf);
    }
}
