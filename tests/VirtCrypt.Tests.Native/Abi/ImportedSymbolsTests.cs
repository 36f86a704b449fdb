using System.Reflection;
using System.Runtime.InteropServices;
using VirtCrypt.Interop;

namespace VirtCrypt.Tests.Native.Abi;

/// <summary>
/// Every <c>[LibraryImport]</c> of the Interop assembly, found by reflection, names an entry point that the real
/// library of the installed version exports: a misspelt or missing symbol fails here, not on an administrator's host.
/// </summary>
[TestFixture]
[Category("Native")]
public class ImportedSymbolsTests
{
    private static IEnumerable<TestCaseData> Imports() =>
        typeof(NativeLibraryInfo).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Import: m.GetCustomAttribute<LibraryImportAttribute>()))
            .Where(i => i.Import is not null)
            .Select(i => new TestCaseData(i.Import!.LibraryName, i.Import.EntryPoint ?? i.Method.Name)
                .SetName($"{i.Import.LibraryName}:{i.Import.EntryPoint ?? i.Method.Name}"));

    [Test]
    public void TheInteropAssembly_HasImports() => Imports().Should().HaveCountGreaterThan(50);

    [TestCaseSource(nameof(Imports))]
    public void Import_ResolvesInTheInstalledLibrary(string logicalLibrary, string entryPoint)
    {
        var soname = NativeLibraryInfo.All.FirstOrDefault(l => l.LogicalName == logicalLibrary)?.Soname ?? logicalLibrary;
        var library = NativeLibrary.Load(soname);

        NativeLibrary.TryGetExport(library, entryPoint, out _).Should().BeTrue($"{soname} exports {entryPoint}");
    }
}
