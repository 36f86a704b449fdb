using System.Security.Cryptography;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// An emulated TPM's state where libvirt keeps it (<c>/var/lib/libvirt/swtpm/UUID/tpm2</c>).
/// </summary>
internal static class SwtpmState
{
    /// <summary>The state directory of the domain <paramref name="uuid"/>.</summary>
    internal static string DirectoryOf(Guid uuid) => Path.Combine(CloneContext.DefaultSwtpmStateDirectory, uuid.ToString("D"));

    /// <summary>
    /// Manufactures a TPM 2.0 with its endorsement keys for the domain, in libvirt's layout and as its user, the way
    /// libvirt's first start of the domain would (without the EK certificates: signing them takes half a minute
    /// under emulation).
    /// </summary>
    internal static string Manufacture(Guid uuid)
    {
        var domainDirectory = DirectoryOf(uuid);
        var tpm2 = Directory.CreateDirectory(Path.Combine(domainDirectory, "tpm2"));
        File.SetUnixFileMode(domainDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        tpm2.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        ExternalTool.Run("chown", "tss:tss", tpm2.FullName);
        ExternalTool.Run("swtpm_setup", "--tpm2", "--tpmstate", tpm2.FullName, "--createek", "--runas", "tss", "--not-overwrite");
        return domainDirectory;
    }

    /// <summary>Each file under <paramref name="directory"/>: its relative path, mode and SHA-256.</summary>
    internal static IReadOnlyList<string> Fingerprint(string directory) =>
        [.. Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f =>
            $"{Path.GetRelativePath(directory, f)} {File.GetUnixFileMode(f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}")];
}
