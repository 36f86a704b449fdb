using System.CommandLine;
using System.CommandLine.Invocation;

namespace VirtCrypt.Cli;

/// <summary>
/// <c>virtcrypt [man-page]</c> prints virtcrypt(8) in troff, generated from the command definitions; the Debian
/// package's man page is made with it (scripts/package-deb).
/// </summary>
internal sealed class ManPageDirective : Directive
{
    internal ManPageDirective()
        : base("man-page")
    {
        Action = new Print();
    }

    private sealed class Print : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.Write(ManPage.Render(parseResult.RootCommandResult.Command));
            return ExitCodes.Success;
        }
    }
}
