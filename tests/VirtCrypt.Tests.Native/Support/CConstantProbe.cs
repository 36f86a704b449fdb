using System.Globalization;
using System.Text;

namespace VirtCrypt.Tests.Native.Support;

/// <summary>
/// Generates, compiles and runs a C program that prints the values of the named constants (numbers as
/// <c>long long</c>, strings as they are) from the given headers, so every constant the C# side declares can be
/// compared with the installed header without a hand-written list. A name the headers lack fails the compile.
/// </summary>
internal static class CConstantProbe
{
    internal static IReadOnlyDictionary<string, string> Run(IEnumerable<string> prelude, IReadOnlyCollection<string> numbers, IReadOnlyCollection<string> strings)
    {
        var source = new StringBuilder();
        foreach (var line in prelude)
        {
            source.AppendLine(line);
        }

        source.AppendLine("#include <stdio.h>").AppendLine("int main(void)").AppendLine("{");
        foreach (var name in numbers)
        {
            source.AppendLine(CultureInfo.InvariantCulture, $"    printf(\"%s=%lld\\n\", \"{name}\", (long long)({name}));");
        }

        foreach (var name in strings)
        {
            source.AppendLine(CultureInfo.InvariantCulture, $"    printf(\"%s=%s\\n\", \"{name}\", {name});");
        }

        source.AppendLine("    return 0;").AppendLine("}");
        var directory = Directory.CreateTempSubdirectory("virtcrypt-constants-").FullName;
        try
        {
            var file = Path.Combine(directory, "constants.c");
            File.WriteAllText(file, source.ToString());
            var binary = Path.Combine(directory, "constants");
            ExternalTool.Run("gcc", "-std=gnu11", "-Wall", "-Werror", "-Wno-deprecated-declarations", "-o", binary, file);
            return ExternalTool.Run(binary)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair[1]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
