using VirtCrypt.Crypto;

namespace VirtCrypt.Libvirt;

/// <summary>The disks of a definition that sit on a device-mapper mapping (a source under <c>/dev/mapper/</c>).</summary>
internal static class MapperDisks
{
    /// <summary>The mapping names (without <c>/dev/mapper/</c>) of the disks, in disk order.</summary>
    internal static List<string> MapperNames(this DomainDefinition definition) =>
        definition.Disks
            .Select(d => MapperName.TryParsePath(d.SourcePath, out var mapper) ? mapper.Name : null)
            .OfType<string>()
            .ToList();
}
