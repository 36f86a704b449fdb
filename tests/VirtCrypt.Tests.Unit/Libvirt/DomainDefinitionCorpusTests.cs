using System.Xml;
using System.Xml.Linq;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Unit.Libvirt;

/// <summary>Round-trips real domain definitions from libvirt's own test data (see Corpus/LICENSE.md).</summary>
[TestFixture]
[Category("Unit")]
public class DomainDefinitionCorpusTests
{
    private static string CorpusDirectory => Path.Combine(RepositoryPaths.Root, "tests", "VirtCrypt.Tests.Unit", "Libvirt", "Corpus");

    private static IEnumerable<string> CorpusFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests", "VirtCrypt.Tests.Unit", "Libvirt", "Corpus"), "*.xml")
            .Select(Path.GetFileName)!
            .Order(StringComparer.Ordinal)!;

    [Test]
    public void Corpus_HasEnoughDiverseFiles() =>
        CorpusFiles().Should().HaveCountGreaterThanOrEqualTo(20);

    [TestCaseSource(nameof(CorpusFiles))]
    public void ParseThenSerialize_IsSemanticallyIdentical(string file)
    {
        var original = File.ReadAllText(Path.Combine(CorpusDirectory, file));

        var written = DomainDefinition.Parse(original).ToXml();

        Canonical(written).Should().Be(Canonical(original));
        XNode.DeepEquals(XDocument.Parse(written, LoadOptions.PreserveWhitespace), XDocument.Parse(original, LoadOptions.PreserveWhitespace))
            .Should().BeTrue("whitespace, comments and namespaces are kept too");
    }

    [TestCaseSource(nameof(CorpusFiles))]
    public void TypedView_ReadsEveryDevice_AndEditsOnlyWhatItTouches(string file)
    {
        var original = File.ReadAllText(Path.Combine(CorpusDirectory, file));
        var definition = DomainDefinition.Parse(original);
        var document = XDocument.Parse(original);

        definition.Disks.Should().HaveCount(document.Descendants("devices").Elements("disk").Count());
        definition.Disks.Where(d => d.Target == null || d.Device.Length == 0 || d.SourceType.Length == 0).Should().BeEmpty();
        definition.Interfaces.Select(i => i.MacAddress).Should().Equal(
            document.Descendants("interface").Select(i => ((string?)i.Element("mac")?.Attribute("address"))?.ToLowerInvariant()));
        definition.Name.Should().Be(document.Root!.Element("name")!.Value);
        definition.Uuid.Should().Be(Guid.Parse(document.Root.Element("uuid")!.Value));

        var name = definition.Name;
        definition.Name = "renamed";
        definition.ToXml().Should().Contain("<name>renamed</name>");
        definition.Name = name;
        Canonical(definition.ToXml()).Should().Be(Canonical(original));
    }

    /// <summary>The document as System.Xml's DOM writes it: attribute quoting and empty-element style normalized.</summary>
    private static string Canonical(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        return document.OuterXml;
    }
}
