using System.CommandLine;
using System.Security.Cryptography;
using VirtCrypt.Crypto;

namespace VirtCrypt.Cli;

/// <summary>
/// Where the passphrase or key comes from: a prompt without echo, a passphrase file (its first line) or a keyfile
/// (its exact bytes). Never from the command line.
/// </summary>
internal sealed class KeyOptions
{
    private const int MaxPassphraseBytes = 512;

    internal Option<FileInfo> PassphraseFile { get; } = new("--passphrase-file")
    {
        Description = "read the passphrase from the first line of this file (not from the command line)",
    };

    internal Option<FileInfo> KeyFile { get; } = new("--key-file")
    {
        Description = "use this file's bytes as the key (as cryptsetup --key-file)",
    };

    internal void AddTo(Command command)
    {
        command.Options.Add(PassphraseFile);
        command.Options.Add(KeyFile);
    }

    /// <summary>The key the user chose; <paramref name="secret"/> holds a passphrase until the caller disposes it.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="isNewVolume">Ask twice when prompting, as for a new volume.</param>
    /// <param name="secret">The passphrase read, or null for a keyfile.</param>
    internal LuksKey Read(ParseResult result, bool isNewVolume, out Secret? secret)
    {
        var passphraseFile = result.GetValue(PassphraseFile);
        if (result.GetValue(KeyFile) is { } keyFile)
        {
            secret = null;
            return passphraseFile is null
                ? LuksKey.FromKeyFile(keyFile.FullName)
                : throw new CliUsageException("Give either --key-file or --passphrase-file, not both.");
        }

        secret = passphraseFile is not null ? ReadFirstLine(passphraseFile) : Prompt(isNewVolume);
        try
        {
            return LuksKey.FromPassphrase(secret);
        }
        catch
        {
            secret.Dispose();
            throw;
        }
    }

    private static Secret ReadFirstLine(FileInfo file)
    {
        var buffer = GC.AllocateArray<byte>(MaxPassphraseBytes + 1, pinned: true);
        try
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            var length = 0;
            for (var read = 1; read > 0 && length < buffer.Length && buffer.AsSpan(0, length).IndexOf((byte)'\n') < 0; length += read)
            {
                read = stream.Read(buffer, length, buffer.Length - length);
            }

            var line = buffer.AsSpan(0, length);
            var newline = line.IndexOf((byte)'\n');
            if (newline < 0 && length > MaxPassphraseBytes)
            {
                throw new CliUsageException($"{file.FullName} does not start with a passphrase line of at most {MaxPassphraseBytes} bytes; use --key-file for binary keys.");
            }

            return Secret.FromBytes(newline < 0 ? line : line[..newline]);
        }
        catch (FileNotFoundException)
        {
            throw new CliUsageException($"The passphrase file {file.FullName} does not exist.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static Secret Prompt(bool twice)
    {
        if (Console.IsInputRedirected)
        {
            throw new CliUsageException("No terminal to ask for the passphrase: give --passphrase-file or --key-file.");
        }

        var first = ReadHidden("Passphrase: ");
        if (!twice)
        {
            return first;
        }

        try
        {
            using var second = ReadHidden("Passphrase again: ");
            if (!first.ContentEquals(second))
            {
                throw new CliUsageException("The two passphrases differ; nothing was changed.");
            }
        }
        catch
        {
            first.Dispose();
            throw;
        }

        return first;
    }

    private static Secret ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var typed = GC.AllocateArray<char>(MaxPassphraseBytes, pinned: true);
        var length = 0;
        try
        {
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    length = Math.Max(0, length - 1);
                }
                else if (!char.IsControl(key.KeyChar) && length < typed.Length)
                {
                    typed[length++] = key.KeyChar;
                }
            }

            Console.Error.WriteLine();
            return Secret.FromChars(typed.AsSpan(0, length));
        }
        finally
        {
            Array.Clear(typed);
        }
    }
}
