using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Reflection;
using System.Text;
using VirtCrypt.Boot;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Cli;

/// <summary>virtcrypt(8) in troff (man(7) macros), generated from the command definitions, the exit codes and <see cref="CommandFiles"/>.</summary>
internal static class ManPage
{
    internal static string Render(Command root)
    {
        var page = new StringBuilder();
        Line(page, $".TH VIRTCRYPT 8 \"\" \"virtcrypt {Version()}\" \"System Administration\"");
        Line(page, ".SH NAME");
        Line(page, $"virtcrypt \\- {Escape(VirtcryptCommand.Summary)}");
        Line(page, ".SH SYNOPSIS");
        Line(page, ".B virtcrypt");
        Line(page, "[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR]");
        Line(page, ".SH DESCRIPTION");
        Line(page, Escape(
            "virtcrypt moves a libvirt/KVM guest from unencrypted disks onto new LUKS-encrypted LVM logical volumes and runs it from there. " +
            "It talks to libvirt, libcryptsetup, LVM (liblvm2cmd) and libblkid in-process; it never runs virsh, cryptsetup, lvcreate, dd or qemu-img. " +
            "It runs as root. Every destructive step acts only on what the migration job created itself (LVM tag, LUKS UUID, the domain it defined); " +
            "the source guest's disks are never written. " +
            "Passphrases come from a prompt without echo, --passphrase-file or --key-file, never from the command line."));
        Line(page, ".SH GLOBAL OPTIONS");
        Options(page, root.Options);
        Line(page, ".SH COMMANDS");
        foreach (var command in root.Subcommands.Where(c => !c.Hidden))
        {
            Command(page, command);
        }

        Line(page, ".SH EXIT STATUS");
        foreach (var (code, meaning) in ExitCodes.All)
        {
            Line(page, ".TP");
            Line(page, $".B {code.ToString(CultureInfo.InvariantCulture)}");
            Line(page, Escape(meaning));
        }

        Line(page, ".SH FILES");
        Item(page, $"\\fI{Escape(JobStore.DefaultDirectory)}\\fR", "the migration jobs' journals (mode 0700, root's only); a journal is re-checked against the host before it is acted on");
        Item(page, $"\\fI{Escape(CrypttabFile.DefaultPath)}\\fR", "the boot-time entries that boot-config --write adds");
        foreach (var directory in SystemdDropIn.DefaultDirectories)
        {
            Item(page, $"\\fI{Escape(directory)}\\fR", "the libvirt daemon's ordering after the volumes' cryptsetup units (boot-config --write)");
        }

        Item(page, "\\fI/dev/mapper/NAME\\fR", "the dm-crypt mappings the guests run from (default names cr_DOMAIN_TARGET)");
        Line(page, ".SH ENVIRONMENT");
        foreach (var library in new[] { "LIBVIRT", "LIBCRYPTSETUP", "LIBLVM2CMD", "LIBBLKID", "LIBDEVMAPPER" })
        {
            Item(page, $"\\fBVIRTCRYPT_{library}_PATH\\fR", $"load {library.ToLowerInvariant()} from this path instead of its versioned soname (for tests)");
        }

        Line(page, ".SH SEE ALSO");
        Line(page, "\\fBvirsh\\fR(1), \\fBcryptsetup\\fR(8), \\fBlvm\\fR(8), \\fBcrypttab\\fR(5)");
        return page.ToString();
    }

    private static void Command(StringBuilder page, Command command)
    {
        var arguments = string.Concat(command.Arguments.Where(a => !a.Hidden).Select(a => $" \\fI{Escape(a.Name)}\\fR"));
        Line(page, $".SS \"{Escape(command.Name)}\"");
        Line(page, $"\\fBvirtcrypt {Escape(command.Name)}\\fR{arguments} [\\fIoptions\\fR]");
        Line(page, ".PP");
        Line(page, Escape(command.Description ?? ""));
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            Item(page, $"\\fI{Escape(argument.Name)}\\fR", argument.Description ?? "");
        }

        Options(page, command.Options);
        if (!CommandFiles.ByCommand.TryGetValue(command.Name, out var files))
        {
            throw new InvalidOperationException($"CommandFiles lists no files for the command '{command.Name}': add what it reads and changes.");
        }

        Line(page, ".PP");
        Line(page, "Files: " + Escape(string.Join("; ", files)) + ".");
    }

    private static void Options(StringBuilder page, IEnumerable<Option> options)
    {
        foreach (var option in options.Where(o => !o.Hidden && o is not HelpOption && o is not VersionOption))
        {
            var names = string.Join(", ", option.Aliases.Order(StringComparer.Ordinal).Append(option.Name).Select(n => $"\\fB{Escape(n)}\\fR"));
            var isFlag = option.ValueType == typeof(bool);
            var value = isFlag ? "" : $" \\fI{Escape(ValueName(option))}\\fR";
            var notes = new List<string>();
            if (option.Required)
            {
                notes.Add("required");
            }

            if (!isFlag && option.HasDefaultValue && option.GetDefaultValue() is { } defaultValue)
            {
                notes.Add("default: " + (defaultValue is string[] many ? string.Join(", ", many) : Convert.ToString(defaultValue, CultureInfo.InvariantCulture)));
            }

            Item(page, names + value, option.Description + (notes.Count > 0 ? $" ({string.Join("; ", notes)})" : ""));
        }
    }

    private static string ValueName(Option option)
    {
        if (option.HelpName is { } name)
        {
            return name;
        }

        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        return type.IsEnum ? string.Join("|", Enum.GetNames(type).Select(n => n.ToLowerInvariant())) : option.Name.TrimStart('-').ToUpperInvariant();
    }

    private static void Item(StringBuilder page, string tag, string text)
    {
        Line(page, ".TP");
        Line(page, tag);
        Line(page, Escape(text));
    }

    /// <summary>Text as troff reads it literally: backslashes and hyphens escaped, no line taken for a request.</summary>
    private static string Escape(string text)
    {
        var escaped = text.Replace("\\", "\\e", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal);
        return escaped.StartsWith('.') || escaped.StartsWith('\'') ? "\\&" + escaped : escaped;
    }

    private static string Version()
    {
        var version = typeof(ManPage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        return version.Split('+')[0];
    }

    private static void Line(StringBuilder page, string line) => page.Append(line).Append('\n');
}
