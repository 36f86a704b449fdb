using System.Globalization;
using System.Xml.Linq;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// A discard issued the way a guest's fstrim reaches qemu: through the virtio disk's own block backend (qemu's
/// <c>qemu-io -d DEVICE "discard ..."</c> monitor command, sent with virsh), so qemu applies the disk's
/// <c>discard</c> setting before anything reaches the host. The boot-sector guest cannot discard by itself.
/// </summary>
internal static class GuestDiscard
{
    /// <summary>Discards <paramref name="length"/> bytes at <paramref name="offset"/> of disk <paramref name="target"/>; returns qemu-io's report.</summary>
    internal static string Run(Domain domain, string target, long offset, long length)
    {
        var alias = XDocument.Parse(domain.GetXml()).Descendants("disk")
            .Single(d => (string?)d.Element("target")?.Attribute("dev") == target)
            .Element("alias")?.Attribute("name")?.Value ?? throw new InvalidOperationException($"{domain.Name} has no alias for {target}: is it running?");
        var command = string.Create(CultureInfo.InvariantCulture, $"qemu-io -d /machine/peripheral/{alias}/virtio-backend \"discard {offset} {length}\"");
        return ExternalTool.Run("virsh", "--connect", "qemu:///system", "qemu-monitor-command", domain.Name, "--hmp", command);
    }

    /// <summary>The bytes the file <paramref name="path"/> really occupies (its allocated blocks).</summary>
    internal static long AllocatedBytes(string path) =>
        long.Parse(ExternalTool.Run("stat", "--format=%b", path).Trim(), CultureInfo.InvariantCulture) * 512;
}
