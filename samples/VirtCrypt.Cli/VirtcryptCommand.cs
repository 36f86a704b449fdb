using System.CommandLine;

namespace VirtCrypt.Cli;

/// <summary>The <c>virtcrypt</c> command line: every command and global option (also the source of the man page).</summary>
internal static class VirtcryptCommand
{
    internal const string Summary = "move libvirt/KVM guests onto LUKS-encrypted LVM volumes and run them from there";

    internal static RootCommand Create()
    {
        var root = new RootCommand($"virtcrypt: {Summary}.")
        {
            PlanCommand.Create(),
            MigrateCommand.Create(),
            JobCommands.Resume(),
            JobCommands.Rollback(),
            JobCommands.List(),
            GuestCommands.Open(),
            GuestCommands.Close(),
            GuestCommands.Start(),
            GuestCommands.Stop(),
            GuestCommands.Status(),
            GuestCommands.HeaderBackup(),
            BootCommands.BootConfig(),
            KeyCommands.EnrollKeyFile(),
            KeyCommands.RemoveKey(),
            VersionsCommand.Create(),
        };
        root.Options.Add(CommonOptions.Connect);
        root.Options.Add(CommonOptions.JobDirectory);
        root.Options.Add(CommonOptions.Verbose);
        root.Directives.Add(new ManPageDirective());
        HelpWithExitCodes.Install(root);
        return root;
    }
}
