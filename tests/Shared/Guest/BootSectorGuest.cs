using System.Security;
using System.Text;

namespace VirtCrypt.Tests.Guest;

/// <summary>One disk of a test guest; <paramref name="Discard"/> is its driver's <c>discard</c> setting, if any.</summary>
internal sealed record GuestDisk(string Path, string Format, string Target, string? Discard = null, bool IsBlockDevice = false);

/// <summary>UEFI firmware (Debian's OVMF) with the guest's own variable store, and optionally an emulated TPM 2.0 (swtpm).</summary>
internal sealed record UefiFirmware(string NvramPath, bool EmulatedTpm)
{
    internal const string Code = "/usr/share/OVMF/OVMF_CODE_4M.fd";
    internal const string VarsTemplate = "/usr/share/OVMF/OVMF_VARS_4M.fd";
}

/// <summary>
/// The test guest: a disk whose first sector is <c>tests/guest/bootsector.asm</c> (prints <see cref="Marker"/> and the
/// text of sector 2 to the serial port) and a libvirt domain definition that boots it with its serial port in a file.
/// </summary>
internal static class BootSectorGuest
{
    internal const string Marker = "VIRTCRYPT-GUEST-BOOTED";

    /// <summary>Writes a raw disk image: boot sector, <paramref name="message"/> in sector 2, then a data pattern.</summary>
    internal static void CreateRawDisk(string path, long sizeBytes, string message)
    {
        var bootSector = Assemble();
        var text = Encoding.ASCII.GetBytes(message);
        if (text.Length >= 512)
        {
            throw new ArgumentException("The message must fit in one sector.", nameof(message));
        }

        using var disk = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        disk.SetLength(sizeBytes);
        disk.Write(bootSector);
        disk.Write(text);
        disk.Position = 1 << 20;
        var pattern = new byte[1 << 20];
        new Random(42).NextBytes(pattern);
        for (var offset = 1L << 20; offset + pattern.Length <= sizeBytes; offset += 4L << 20)
        {
            disk.Position = offset;
            disk.Write(pattern);
        }
    }

    /// <summary>A persistent domain of type qemu (no KVM needed) booting <paramref name="diskPath"/> over virtio.</summary>
    internal static string DomainXml(string name, string diskPath, string format, string serialLogPath, string? mac = null) =>
        DomainXml(name, [new GuestDisk(diskPath, format, "vda")], serialLogPath, mac);

    /// <summary>
    /// A persistent domain of type qemu booting from the first of <paramref name="disks"/>: with BIOS, or with
    /// <paramref name="uefi"/> firmware on a q35 machine (which then never reaches the BIOS boot sector).
    /// </summary>
    internal static string DomainXml(
        string name, IReadOnlyList<GuestDisk> disks, string serialLogPath, string? mac = null, UefiFirmware? uefi = null) => $"""
        <domain type='qemu'>
          <name>{SecurityElement.Escape(name)}</name>
          <memory unit='MiB'>{(uefi is null ? 32 : 64)}</memory>
          <vcpu>1</vcpu>
          {(uefi is null ? "<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>" : $"""
          <os>
            <type arch='x86_64' machine='q35'>hvm</type>
            <loader readonly='yes' type='pflash'>{UefiFirmware.Code}</loader>
            <nvram template='{UefiFirmware.VarsTemplate}'>{SecurityElement.Escape(uefi.NvramPath)}</nvram>
            <boot dev='hd'/>
          </os>
          <features><acpi/></features>
          """)}
          <on_poweroff>destroy</on_poweroff>
          <on_reboot>destroy</on_reboot>
          <devices>
            <emulator>/usr/bin/qemu-system-x86_64</emulator>
            {string.Concat(disks.Select(d => $"""
            <disk type='{(d.IsBlockDevice ? "block" : "file")}' device='disk'>
              <driver name='qemu' type='{d.Format}'{(d.Discard is null ? "" : $" discard='{d.Discard}'")}/>
              <source {(d.IsBlockDevice ? "dev" : "file")}='{SecurityElement.Escape(d.Path)}'/>
              <target dev='{d.Target}' bus='virtio'/>
            </disk>
            """))}
            <interface type='user'>
              {(mac is null ? "" : $"<mac address='{mac}'/>")}
              <model type='virtio'/>
            </interface>
            <serial type='file'>
              <source path='{SecurityElement.Escape(serialLogPath)}'/>
              <target port='0'/>
            </serial>
            {(uefi is { EmulatedTpm: true } ? "<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>" : "")}
            <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
            <video><model type='none'/></video>
            <memballoon model='none'/>
          </devices>
        </domain>
        """;

    private static byte[] Assemble()
    {
        var source = Path.Combine(RepositoryPaths.Root, "tests", "guest", "bootsector.asm");
        var output = Path.Combine(Path.GetTempPath(), $"virtcrypt-boot-{Guid.NewGuid():N}.bin");
        try
        {
            ExternalTool.Run("nasm", "-f", "bin", "-o", output, source);
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
