using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Unit.Libvirt;

/// <summary>Domain definitions to test with: libvirt's own test data (Corpus/) and our samples as libvirt writes them (Samples/).</summary>
internal static class DomainSamples
{
    internal static DomainDefinition Corpus(string file) => Read("Corpus", file);

    internal static DomainDefinition Sample(string file) => Read("Samples", file);

    private static DomainDefinition Read(string folder, string file) =>
        DomainDefinition.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "VirtCrypt.Tests.Unit", "Libvirt", folder, file)));
}
