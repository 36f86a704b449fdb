using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text.RegularExpressions;
using VirtCrypt.Cli;

namespace VirtCrypt.Tests.Unit.Cli;

/// <summary>virtcrypt(8), --help and the administrators' guide describe the commands, options and exit codes the parser has.</summary>
[TestFixture]
[Category("Unit")]
public sealed partial class ManPageTests
{
    private static readonly RootCommand Root = VirtcryptCommand.Create();
    private static readonly string Page = ManPage.Render(Root);

    private static IEnumerable<Command> Commands => Root.Subcommands.Where(c => !c.Hidden);

    [Test]
    public void CommandsSection_ListsExactlyTheParsersCommands()
    {
        var onPage = CommandHeading().Matches(Page).Select(m => m.Groups[1].Value.Replace("\\-", "-", StringComparison.Ordinal));

        onPage.Should().Equal(Commands.Select(c => c.Name));
    }

    [Test]
    public void EachCommandsSection_ListsExactlyItsOptions()
    {
        foreach (var command in Commands)
        {
            var section = Section(Page, $".SS \"{command.Name.Replace("-", "\\-", StringComparison.Ordinal)}\"");
            var onPage = OptionName().Matches(section).Select(m => m.Groups[1].Value.Replace("\\-", "-", StringComparison.Ordinal)).Where(n => n.StartsWith("--", StringComparison.Ordinal));

            onPage.Should().BeEquivalentTo(command.Options.Where(o => !o.Hidden && o is not HelpOption).Select(o => o.Name), command.Name);
            section.Should().Contain("Files: ", command.Name);
        }
    }

    [Test]
    public void ExitStatusSection_ListsEveryExitCode()
    {
        var section = Section(Page, ".SH EXIT STATUS");

        ExitCode().Matches(section).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Should().Equal(ExitCodes.Success, ExitCodes.Failed, ExitCodes.Usage, ExitCodes.Refused, ExitCodes.JobFailed, ExitCodes.Interrupted);
    }

    [Test]
    public void GlobalHelp_EndsWithTheExitCodes()
    {
        using var output = new StringWriter();
        Root.Parse("--help").Invoke(new InvocationConfiguration { Output = output }).Should().Be(0);

        var help = output.ToString();
        var codes = help[help.IndexOf("Exit codes:", StringComparison.Ordinal)..].Split('\n').Skip(1).Where(l => l.Length > 0);
        codes.Select(l => l.Trim().Split(' ')[0]).Should().Equal(ExitCodes.All.Select(c => c.Code.ToString(CultureInfo.InvariantCulture)));
        help.Should().Contain("Commands:").And.Contain("remove-key");
    }

    [Test]
    public void CommandHelp_HasNoExitCodeList()
    {
        using var output = new StringWriter();
        Root.Parse("plan --help").Invoke(new InvocationConfiguration { Output = output }).Should().Be(0);

        output.ToString().Should().Contain("--domain").And.NotContain("Exit codes:");
    }

    [Test]
    public void ManPageDirective_PrintsThePage()
    {
        using var output = new StringWriter();
        Root.Parse("[man-page]").Invoke(new InvocationConfiguration { Output = output }).Should().Be(0);

        output.ToString().Should().Be(Page).And.StartWith(".TH VIRTCRYPT 8 ");
    }

    [Test]
    public void Page_HasNoLineTroffWouldTakeForARequestByMistake()
    {
        var lines = Page.Split('\n');

        lines.Where(l => l.StartsWith('.') && !Request().IsMatch(l)).Should().BeEmpty();
        lines.Where(l => !l.StartsWith('.')).Should().AllSatisfy(l => l.Should().NotMatchRegex(@"(?<!\\)-", "hyphens are escaped"));
    }

    [Test]
    public void AdministratorsGuide_NamesEveryCommandAndExitCode()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "administrators.md"));

        Commands.Select(c => c.Name).Where(n => !guide.Contains($"virtcrypt {n}", StringComparison.Ordinal) && !guide.Contains($"`{n}`", StringComparison.Ordinal))
            .Should().BeEmpty("the guide describes every command");
        ExitCodes.All.Select(c => c.Code).Where(c => !guide.Contains($"| {c} |", StringComparison.Ordinal))
            .Should().BeEmpty("the guide's exit code table lists every code");
        guide.Should().NotContain("being added");
    }

    /// <summary>From <paramref name="heading"/> to the next heading of a section or command.</summary>
    private static string Section(string page, string heading)
    {
        var start = page.IndexOf(heading + "\n", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, heading);
        var end = NextHeading().Match(page, start + heading.Length);
        return page[start..(end.Success ? end.Index : page.Length)];
    }

    [GeneratedRegex(@"^\.SS ""([^""]+)""$", RegexOptions.Multiline)]
    private static partial Regex CommandHeading();

    [GeneratedRegex(@"\\fB((?:\\-)+[a-z0-9\\-]+)\\fR")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"^\.B (\d+)$", RegexOptions.Multiline)]
    private static partial Regex ExitCode();

    [GeneratedRegex(@"^\.S[SH] ", RegexOptions.Multiline)]
    private static partial Regex NextHeading();

    [GeneratedRegex(@"^\.(TH|SH|SS|TP|PP|B) ?")]
    private static partial Regex Request();
}
