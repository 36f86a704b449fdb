namespace VirtCrypt.Tests.Integration.Support;

/// <summary>How the mail store's disk is stored on the host.</summary>
internal enum MailStoreFormat
{
    /// <summary>A raw image file.</summary>
    Raw,

    /// <summary>A qcow2 overlay over a compressed qcow2 base.</summary>
    Qcow2,
}
