using System.Text;

namespace VirtCrypt.Migration;

/// <summary>The default names a migration gives to what it creates.</summary>
internal static class MigrationNames
{
    /// <summary><c>cr_&lt;domain&gt;_&lt;target&gt;</c>, the readable mapper name an administrator would choose.</summary>
    internal static string Mapper(string domain, string target) => $"cr_{domain}_{target}";

    /// <summary>
    /// <see cref="Mapper"/> with every character a mapping name may not hold replaced by '_' and cut to 127
    /// characters: a name to suggest when the domain's name makes the default invalid.
    /// </summary>
    internal static string SafeMapper(string domain, string target)
    {
        var name = new StringBuilder();
        foreach (var c in Mapper(domain, target).Take(127))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '+' or '_' or '.' or '-' ? c : '_');
        }

        return name.ToString();
    }

    /// <summary><c>&lt;domain&gt;_&lt;target&gt;</c>, with every character LVM does not allow in a name replaced by '_'.</summary>
    internal static string LogicalVolume(string domain, string target)
    {
        var name = new StringBuilder();
        foreach (var c in $"{domain}_{target}")
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '+' or '_' or '.' or '-' ? c : '_');
        }

        if (name[0] == '-')
        {
            name[0] = '_';
        }

        return name.ToString();
    }

    /// <summary>The LVM tag that marks a logical volume as created by one job, so a rollback removes only its own.</summary>
    internal static string JobTag(string jobId) => "virtcrypt_job_" + jobId;

    /// <summary>The header backup file for one disk's volume.</summary>
    internal static string HeaderBackup(string directory, string lvName) => Path.Combine(directory, lvName + ".luks-header");
}
