using System.Globalization;
using System.Text;

namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// Fills a mounted filesystem like a Dovecot mail server's: Maildir folders of several users with about a thousand
/// messages of random sizes (text, so that qcow2 compression has something to compress), a large base64
/// attachment, a compressed backup, sparse index files, hard links between folders, symlinks, owners, modes and
/// extended attributes in the user and trusted namespaces (one too large for the inode). Names, sizes, contents
/// and message times come from a fixed seed.
/// </summary>
internal sealed class MaildirTree
{
    private const int VmailUid = 5000;
    private const long FirstTime = 1_700_000_000;
    private const int MinMessageBytes = 200;
    private const int MaxMessageBytes = 16_000;
    private static readonly string[] Users = ["alice", "bob", "carol"];
    private static readonly string[] Folders = ["", ".Sent", ".Archive.2023", ".Lists.debian-user"];
    private static readonly string[] Words =
    [
        "the", "mail", "server", "meeting", "invoice", "backup", "disk", "encrypted", "volume", "please", "find", "attached",
        "regards", "tomorrow", "report", "quarter", "customer", "order", "shipping", "delayed", "thanks", "question", "about",
        "kernel", "update", "password", "reset", "lunch", "friday", "project", "deadline", "review", "draft", "contract",
    ];

    private readonly Random random = new(17);
    private readonly string text;
    private readonly StringBuilder attributes = new();
    private long clock = FirstTime;
    private string root = "";

    /// <summary>Message bodies are slices of one text of random words: making each word by word is slow under emulation.</summary>
    internal MaildirTree()
    {
        var words = new StringBuilder();
        while (words.Length < MaxMessageBytes * 4)
        {
            words.Append(Sentence(random.Next(5, 16))).Append('\n');
        }

        text = words.ToString();
    }

    private string Domain => Path.Combine(root, "vmail", "example.org");

    /// <summary>The first state under <paramref name="mountPoint"/>: <paramref name="messages"/> messages, the large files, links and attributes.</summary>
    internal void WriteInitialState(string mountPoint, int messages)
    {
        root = mountPoint;
        foreach (var user in Users)
        {
            foreach (var folder in Folders)
            {
                foreach (var sub in new[] { "cur", "new", "tmp" })
                {
                    Directory.CreateDirectory(Path.Combine(MailFolder(user, folder), sub));
                }
            }

            WriteSparse(Path.Combine(MailFolder(user, ""), "dovecot.index.cache"), 8L << 20, [0, 3L << 20, 7L << 20]);
            WriteSparse(Path.Combine(MailFolder(user, ""), "dovecot.index"), 1L << 20, [0]);
            File.WriteAllText(Path.Combine(MailFolder(user, ""), "subscriptions"), string.Join('\n', Folders.Skip(1).Select(f => f[1..])) + "\n");
            Attribute(Path.Combine(Domain, user), "user.quota", $"\"{random.Next(100, 900)}M\"");
        }

        for (var i = 0; i < messages; i++)
        {
            var message = NewMessage(Users[random.Next(Users.Length)], Folders[random.Next(Folders.Length)], seen: random.Next(5) > 0);
            if (i % 7 == 0)
            {
                Attribute(message, "user.dovecot.guid", "0x" + Convert.ToHexString(RandomBytes(16)).ToLowerInvariant());
            }
        }

        var inbox = Path.Combine(MailFolder("alice", ""), "cur");
        var attachment = Path.Combine(inbox, $"{clock}.M1P1.mail.example.org:2,S");
        File.WriteAllText(attachment, Headers("alice", "holiday photos") + Convert.ToBase64String(RandomBytes(1 << 20), Base64FormattingOptions.InsertLineBreaks));
        Attribute(attachment, "trusted.virtcrypt.scanned", "\"clean\"");
        Attribute(attachment, "user.large", "0x" + Convert.ToHexString(RandomBytes(1500)).ToLowerInvariant());
        var backups = Directory.CreateDirectory(Path.Combine(root, "backup")).FullName;
        File.WriteAllBytes(Path.Combine(backups, "mail-2023.tar.zst"), RandomBytes(3 << 19));
        File.SetUnixFileMode(backups, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        HardLinkSome(Path.Combine(MailFolder("alice", ""), "cur"), Path.Combine(MailFolder("alice", ".Archive.2023"), "cur"), 150);
        HardLinkSome(Path.Combine(MailFolder("alice", ".Archive.2023"), "cur"), Path.Combine(MailFolder("bob", ".Archive.2023"), "cur"), 20);
        File.CreateSymbolicLink(Path.Combine(Domain, "postmaster"), "alice");
        File.CreateSymbolicLink(Path.Combine(MailFolder("bob", ""), ".Trash"), ".Archive.2023");
        Finish();
    }

    /// <summary>A day later (the same filesystem, mounted again at <paramref name="mountPoint"/>): new mail, read mail moved to cur, deletions, changed attributes, a grown index.</summary>
    internal void WriteNextDay(string mountPoint, int newMessages)
    {
        root = mountPoint;
        clock += 86_400;
        for (var i = 0; i < newMessages; i++)
        {
            NewMessage(Users[random.Next(Users.Length)], Folders[random.Next(Folders.Length)], seen: false);
        }

        var all = Directory.GetFiles(Path.Combine(root, "vmail"), "*.mail.example.org*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var fresh in all.Where(p => Path.GetFileName(Path.GetDirectoryName(p)) == "new").Take(newMessages / 2))
        {
            File.Move(fresh, Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(fresh))!, "cur", Path.GetFileName(fresh) + ":2,S"));
        }

        foreach (var deleted in all.Where((_, i) => i % 37 == 5).Where(File.Exists))
        {
            File.Delete(deleted);
        }

        foreach (var changed in all.Where((_, i) => i % 53 == 3).Where(File.Exists))
        {
            Attribute(changed, "user.dovecot.guid", "0x" + Convert.ToHexString(RandomBytes(16)).ToLowerInvariant());
        }

        WriteSparse(Path.Combine(MailFolder("bob", ""), "dovecot.index.cache"), 12L << 20, [10L << 20]);
        HardLinkSome(Path.Combine(MailFolder("carol", ""), "cur"), Path.Combine(MailFolder("carol", ".Archive.2023"), "cur"), 40);
        Finish();
    }

    private string Headers(string user, string subject) =>
        $"From: someone@example.net\nTo: {user}@example.org\nSubject: {subject}\nMessage-ID: <{Convert.ToHexString(RandomBytes(12))}@example.net>\n\n";

    private string MailFolder(string user, string folder) => Path.Combine(Domain, user, "Maildir", folder);

    private string NewMessage(string user, string folder, bool seen)
    {
        clock += random.Next(1, 600);
        var size = (int)(Math.Exp(random.NextDouble() * Math.Log((double)MaxMessageBytes / MinMessageBytes)) * MinMessageBytes);
        var body = string.Concat(Headers(user, Sentence(6)), text.AsSpan(random.Next(text.Length - size), size));

        var name = string.Create(CultureInfo.InvariantCulture, $"{clock}.M{random.Next(1_000_000)}P{random.Next(30_000)}.mail.example.org,S={body.Length}");
        var path = Path.Combine(MailFolder(user, folder), seen ? "cur" : "new", seen ? name + ":2,S" : name);
        File.WriteAllText(path, body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetLastWriteTimeUtc(path, DateTime.UnixEpoch.AddSeconds(clock));
        return path;
    }

    private string Sentence(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A file of <paramref name="length"/> bytes with 64 KiB of data at each offset and holes elsewhere.</summary>
    private void WriteSparse(string path, long length, long[] dataOffsets)
    {
        using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write);
        file.SetLength(length);
        foreach (var offset in dataOffsets)
        {
            file.Position = offset;
            file.Write(RandomBytes(64 << 10));
        }
    }

    private static void HardLinkSome(string from, string to, int count)
    {
        var sources = Directory.GetFiles(from).Order(StringComparer.Ordinal).Where((_, i) => i % 2 == 0).Take(count).ToList();
        ExternalTool.Run("ln", [.. sources, to]);
    }

    private void Attribute(string path, string name, string value) =>
        attributes.Append("# file: ").Append(path).Append('\n').Append(name).Append('=').Append(value).Append("\n\n");

    /// <summary>Sets the collected attributes (one setfattr for all), then the vmail owner on the mail tree.</summary>
    private void Finish()
    {
        var dump = Path.Combine(Path.GetTempPath(), $"virtcrypt-xattrs-{Guid.NewGuid():N}");
        File.WriteAllText(dump, attributes.ToString());
        try
        {
            ExternalTool.Run("setfattr", "--restore=" + dump);
        }
        finally
        {
            File.Delete(dump);
        }

        attributes.Clear();
        ExternalTool.Run("chown", "-R", "--no-dereference", $"{VmailUid}:{VmailUid}", Path.Combine(root, "vmail"));
    }
}
