using System.Collections.Immutable;
using System.Reflection;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using VirtCrypt.Migration;

namespace VirtCrypt.Tests.Unit.PublicApi;

/// <summary>
/// The public API of VirtCrypt.Core keeps its rules (docs/architecture.md, "The public API"). Each rule is also run on
/// a type that breaks it, so a rule that stopped finding anything would fail here.
/// </summary>
[TestFixture]
[Category("Unit")]
public class PublicApiRulesTests
{
    private static readonly Assembly Core = typeof(MigrationService).Assembly;
    private static readonly Assembly Interop = typeof(HandleTracker).Assembly;
    private static readonly Type[] PublicTypes = Core.GetExportedTypes();

    [Test]
    public void Interop_HasNoPublicType_AndCoreNamesNone()
    {
        TestContext.Out.WriteLine($"{PublicTypes.Length} public types in {Core.GetName().Name}");

        Interop.GetExportedTypes().Should().BeEmpty();
        PublicApiRules.NamesTypesOf(Interop, PublicTypes).Should().BeEmpty();
        PublicApiRules.NamesTypesOf(Interop, [typeof(Broken)]).Should().ContainSingle().Which.Should().Contain(nameof(Broken.Leaks));
    }

    [Test]
    public void EveryPublicAsyncMethod_TakesACancellationToken()
    {
        PublicApiRules.AsyncWithoutCancellation(PublicTypes).Should().BeEmpty();
        PublicApiRules.AsyncWithoutCancellation([typeof(Broken)]).Should().BeEquivalentTo(
            $"{typeof(Broken).FullName}.{nameof(Broken.WaitAsync)}: async without a CancellationToken");
    }

    [Test]
    public void NoPublicCollection_IsMutableOrSettable()
    {
        PublicApiRules.SettableCollections(PublicTypes).Should().BeEmpty();
        PublicApiRules.SettableCollections([typeof(Broken)]).Should().HaveCount(4)
            .And.Contain(v => v.Contains(nameof(Broken.Names)))
            .And.Contain(v => v.Contains(nameof(Broken.Sizes)))
            .And.Contain(v => v.Contains(nameof(Broken.Bytes)))
            .And.Contain(v => v.Contains(nameof(Broken.Settable)));
    }

    [Test]
    public void PublicRecords_HaveNoPublicSetters()
    {
        PublicApiRules.RecordSetters(PublicTypes).Should().BeEmpty();
        PublicApiRules.RecordSetters([typeof(BrokenRecord), typeof(BrokenRecordStruct)]).Should().HaveCount(2)
            .And.OnlyContain(v => v.EndsWith(".Changeable: a public setter on a record", StringComparison.Ordinal));
    }

    [Test]
    public void EveryPublicException_DerivesFromVirtCryptException()
    {
        PublicTypes.Should().Contain(typeof(VirtCryptException));
        PublicApiRules.ForeignExceptions(PublicTypes).Should().BeEmpty();
        PublicApiRules.ForeignExceptions([typeof(BrokenException)]).Should().ContainSingle();
    }

    // Types that break the rules, one member per rule; never used but through reflection.
#pragma warning disable CA1819, CA1002, CA2227, CA1051, CA1822, CA1064, CA1034, CA1812
    internal sealed class Broken
    {
        public NativeLogCapture? Leaks() => null;

        public Task WaitAsync() => Task.CompletedTask;

        public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(0, cancellationToken);

        public List<string> Names { get; } = [];

        public IDictionary<string, long> Sizes { get; } = new Dictionary<string, long>();

        public byte[] Bytes { get; } = [];

        public IReadOnlyList<string> Settable { get; set; } = [];

        public IReadOnlyList<string> Fine { get; init; } = [];

        public ImmutableArray<string> AlsoFine { get; } = [];
    }

    internal sealed record BrokenRecord(string Fine)
    {
        public string? Changeable { get; set; }
    }

    internal record struct BrokenRecordStruct(string Changeable);

    internal sealed class BrokenException : Exception;
#pragma warning restore CA1819, CA1002, CA2227, CA1051, CA1822, CA1064, CA1034, CA1812
}
