using System.Globalization;
using System.Reflection;
using VirtCrypt.Tests.Native.Support;

namespace VirtCrypt.Tests.Native.Abi;

/// <summary>
/// Every constant declared in an <c>Interop.X</c> class is compared with the installed C header: the list is found
/// by reflection, so a constant added to the C# side is checked without anyone writing it down twice.
/// </summary>
[TestFixture]
[Category("Native")]
public class InteropConstantsTests
{
    /// <summary>The headers declaring each library's constants; an Interop class missing here fails its test.</summary>
    private static readonly Dictionary<string, string[]> Headers = new(StringComparer.Ordinal)
    {
        ["Cryptsetup"] = ["#include <libcryptsetup.h>"],
        ["Libvirt"] = ["#include <libvirt/libvirt.h>", "#include <libvirt/virterror.h>"],
        ["Lvm2Cmd"] = ["#include <lvm2cmd.h>"],
        ["Blkid"] = ["#include <blkid/blkid.h>"],
        ["Devmapper"] = ["#include <libdevmapper.h>"],
        ["Libc"] = ["#define _GNU_SOURCE", "#include <errno.h>", "#include <fcntl.h>", "#include <unistd.h>", "#include <sys/types.h>", "#include <sys/stat.h>", "#include <sys/ioctl.h>", "#include <linux/fs.h>"],
    };

    private static IEnumerable<Type> InteropClasses() =>
        typeof(VirtCrypt.Interop.Interop).GetNestedTypes(BindingFlags.NonPublic)
            .Where(t => t.Name != nameof(VirtCrypt.Interop.Interop.Libraries) && ConstantsOf(t).Any());

    [TestCaseSource(nameof(InteropClasses))]
    public void EveryDeclaredConstant_MatchesTheHeader(Type library)
    {
        Headers.Should().ContainKey(library.Name, $"the test must know which headers declare the constants of Interop.{library.Name}");
        var constants = ConstantsOf(library).ToList();
        var strings = constants.Where(c => c.FieldType == typeof(string)).Select(c => c.Name).ToList();
        var numbers = constants.Where(c => c.FieldType != typeof(string)).Select(c => c.Name).ToList();

        var header = CConstantProbe.Run(Headers[library.Name], numbers, strings);

        foreach (var constant in constants)
        {
            header[constant.Name].Should().Be(AsCPrints(constant.GetRawConstantValue()!), $"Interop.{library.Name}.{constant.Name}");
        }
    }

    /// <summary>The C-named constants (UPPER_CASE) a class declares.</summary>
    private static IEnumerable<FieldInfo> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => f.IsLiteral && f.Name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'));

    /// <summary>The value as the probe prints it: strings as they are, numbers as a C <c>long long</c>.</summary>
    private static string AsCPrints(object value) => value switch
    {
        string text => text,
        ulong big => unchecked((long)big).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
    };
}
