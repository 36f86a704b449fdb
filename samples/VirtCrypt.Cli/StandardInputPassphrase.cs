using System.Security.Cryptography;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Cli;

/// <summary>
/// <c>--passphrase-stdin</c>: the passphrase as the first line of standard input, so a program (an Ansible module) can
/// hand it over without argv, environment or a file. Read into pinned memory and cleared, like a typed one.
/// </summary>
internal static class StandardInputPassphrase
{
    internal static Secret Read(Stream input)
    {
        var buffer = GC.AllocateArray<byte>(Secret.MaxPassphraseBytes + 1, pinned: true);
        try
        {
            var length = 0;
            var newline = -1;
            while (newline < 0 && length < buffer.Length)
            {
                var read = input.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                newline = buffer.AsSpan(length, read).IndexOf((byte)'\n') is var at and >= 0 ? length + at : -1;
                length += read;
            }

            if (newline < 0 && length > Secret.MaxPassphraseBytes)
            {
                throw new InvalidKeyException(
                    $"Standard input does not start with a line of at most {Secret.MaxPassphraseBytes} bytes: give a binary key with --key-file.");
            }

            var line = buffer.AsSpan(0, newline < 0 ? length : newline);
            return line.IsEmpty
                ? throw new InvalidKeyException("The first line of standard input is empty: an empty passphrase protects nothing. Write the passphrase and a newline to it.")
                : Secret.FromBytes(line);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }
}
