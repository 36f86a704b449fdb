using System.CommandLine;
using VirtCrypt.Crypto;

namespace VirtCrypt.Cli;

/// <summary>
/// Where the passphrase or key comes from: a prompt without echo, a passphrase file or standard input (their first
/// line) or a keyfile (its exact bytes). Never from the command line.
/// </summary>
internal sealed class KeyOptions
{
    internal Option<FileInfo> PassphraseFile { get; } = new("--passphrase-file")
    {
        Description = "read the passphrase from the first line of this file (not from the command line)",
    };

    internal Option<bool> PassphraseStdin { get; } = new("--passphrase-stdin")
    {
        Description = "read the passphrase from the first line of standard input (for programs; not from the command line)",
    };

    internal Option<FileInfo> KeyFile { get; } = new("--key-file")
    {
        Description = "use this file's bytes as the key (as cryptsetup --key-file)",
    };

    internal void AddTo(Command command)
    {
        command.Options.Add(PassphraseFile);
        command.Options.Add(PassphraseStdin);
        command.Options.Add(KeyFile);
    }

    /// <summary>The key the user chose: from a file (checked now) or, when no file is given, asked on the terminal.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="isNewVolume">Ask twice when prompting, as for a new volume.</param>
    /// <param name="cancellationToken">Ctrl+C: ends a prompt at once.</param>
    internal async Task<LuksKey> ReadAsync(ParseResult result, bool isNewVolume, CancellationToken cancellationToken) =>
        FromFiles(result) ?? await InterruptiblePrompt.ReadAsync(() => FromPassphrase(Prompt(isNewVolume)), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The key given by <c>--key-file</c>, <c>--passphrase-file</c> or <c>--passphrase-stdin</c>, checked before
    /// anything uses it (a regular file, never a FIFO or device; a keyfile of 1 byte to 8 MiB; a passphrase file or
    /// standard input with a first line); null when none is given.
    /// </summary>
    internal LuksKey? FromFiles(ParseResult result)
    {
        var passphraseFile = result.GetValue(PassphraseFile);
        var keyFile = result.GetValue(KeyFile);
        var fromStdin = result.GetValue(PassphraseStdin);
        if ((keyFile is null ? 0 : 1) + (passphraseFile is null ? 0 : 1) + (fromStdin ? 1 : 0) > 1)
        {
            throw new CliUsageException("Give one of --key-file, --passphrase-file and --passphrase-stdin, not several.");
        }

        return keyFile is not null ? LuksKey.FromKeyFile(keyFile.FullName)
            : passphraseFile is not null ? FromPassphrase(Secret.FromPassphraseFile(passphraseFile.FullName))
            : fromStdin ? FromPassphrase(StandardInputPassphrase.Read(Console.OpenStandardInput()))
            : null;
    }

    private static LuksKey FromPassphrase(Secret passphrase)
    {
        try
        {
            return LuksKey.FromPassphrase(passphrase);
        }
        catch
        {
            passphrase.Dispose();
            throw;
        }
    }

    private static Secret Prompt(bool twice)
    {
        if (Console.IsInputRedirected)
        {
            throw new CliUsageException("No terminal to ask for the passphrase: give --passphrase-file, --passphrase-stdin or --key-file.");
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
        var typed = GC.AllocateArray<char>(Secret.MaxPassphraseBytes, pinned: true);
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
