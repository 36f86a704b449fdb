using System.Text.Json;

namespace VirtCrypt.Tests.Native.Cli;

/// <summary>
/// The NativeAOT binary that the Debian package ships (published by scripts/package-deb into artifacts/publish),
/// run on this host: it loads the real libraries, plans against libvirt's test driver, prints valid JSON and a man
/// page that man(1) reads without a warning, and completes its command line for bash.
/// </summary>
[TestFixture]
[Category("Native")]
public class NativeBinaryTests
{
    private static string Binary => Path.Combine(RepositoryPaths.Root, "artifacts", "publish", "linux-x64", "virtcrypt");

    [OneTimeSetUp]
    public void RequireTheBinary() =>
        File.Exists(Binary).Should().BeTrue($"the NativeAOT binary {Binary} is built by scripts/package-deb (scripts/test runs it before this tier)");

    [Test]
    public void Binary_NeedsNoDotnetRuntime()
    {
        var libraries = ExternalTool.Run("ldd", Binary);

        libraries.Should().Contain("libc.so.6").And.NotContain("libcoreclr").And.NotContain("libhostfxr");
        File.Exists(Path.Combine(Path.GetDirectoryName(Binary)!, "virtcrypt.dll")).Should().BeFalse("the publish is one native file");
    }

    [Test]
    public void Versions_ReportsTheLoadedLibraries()
    {
        var (exit, output, error) = ExternalTool.RunToEnd(Binary, "--connect", "test:///default", "versions");

        (exit, error).Should().Be((0, ""));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToDictionary(l => l.Split(' ')[0], l => l[l.IndexOf(' ', StringComparison.Ordinal)..].Trim());
        lines.Keys.Should().Contain(["libvirt", "hypervisor", "libcryptsetup", "LVM", "libblkid"]);
        lines["libcryptsetup"].Should().Be(ExternalTool.Run("dpkg-query", "-W", "-f", "${Version}", "libcryptsetup12").Split('-')[0].Split(':')[^1]);
    }

    [Test]
    public void Plan_AgainstTheTestDriver_RefusesWithTheVerdictLast()
    {
        var (exit, output, error) = ExternalTool.RunToEnd(Binary, "--connect", "test:///default", "plan", "--domain", "test", "--vg", "vg_virtcrypt_absent");

        exit.Should().Be(3, error);
        output.Should().Contain("[FAILED] volume group exists").And.Contain("[ok] domain is persistent");
        var lines = output.TrimEnd().Split('\n');
        var failed = lines.Count(l => l.TrimStart().StartsWith("[FAILED]", StringComparison.Ordinal));
        var total = failed + lines.Count(l => l.TrimStart().StartsWith("[ok]", StringComparison.Ordinal));
        lines[^1].Should().StartWith($"Verdict: {failed} of {total} checks failed");
    }

    [Test]
    public void PlanJson_ParsesBack()
    {
        var (exit, output, error) = ExternalTool.RunToEnd(Binary, "--connect", "test:///default", "plan", "--domain", "test", "--vg", "vg_virtcrypt_absent", "--json");

        exit.Should().Be(3, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("schema").GetInt32().Should().Be(1);
        var checks = json.RootElement.GetProperty("plan").GetProperty("Checks");
        checks.EnumerateArray().Should().Contain(c => c.ToString().Contains("volume group exists", StringComparison.Ordinal));
        output.Should().Contain("vg_virtcrypt_absent");
    }

    [Test]
    public void ManPage_IsReadByManWithoutWarnings()
    {
        var (exit, page, error) = ExternalTool.RunToEnd(Binary, "[man-page]");
        (exit, error).Should().Be((0, ""));
        var file = Path.Combine(Path.GetTempPath(), $"virtcrypt-{Guid.NewGuid():N}.8");
        try
        {
            File.WriteAllText(file, page);
            var (manExit, text, warnings) = ExternalTool.RunToEnd("env", "MANWIDTH=100", "LC_ALL=C.UTF-8", "man", "--warnings", "-l", "-Tutf8", file);

            (manExit, warnings).Should().Be((0, ""));
            // man off a terminal emboldens by overstriking (X, backspace, X): read the plain text.
            System.Text.RegularExpressions.Regex.Replace(text, ".\b", "").Should().Contain("EXIT STATUS").And.Contain("enroll-keyfile").And.Contain("/var/lib/virtcrypt/jobs");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("virtcrypt pl", "plan")]
    [TestCase("virtcrypt plan --lu", "--luks1 --luks2")]
    [TestCase("virtcrypt plan --mode ", "Clone InPlace Live Retarget")]
    public void BashCompletion_CompletesFromTheBinary(string line, string expected)
    {
        var completion = Path.Combine(RepositoryPaths.Root, "packaging", "deb", "virtcrypt.bash-completion");
        var script = $$"""
            PATH={{Path.GetDirectoryName(Binary)}}:$PATH
            source '{{completion}}'
            COMP_LINE='{{line}}'; COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<< "$COMP_LINE"; [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _virtcrypt
            echo "${COMPREPLY[*]}"
            """;

        ExternalTool.Run("bash", "-c", script).Trim().Split(' ').Order(StringComparer.Ordinal).Should().Equal(expected.Split(' '));
    }
}
