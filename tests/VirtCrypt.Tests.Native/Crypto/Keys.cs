using System.Text;
using VirtCrypt.Crypto;

namespace VirtCrypt.Tests.Native.Crypto;

/// <summary>Test passphrases and the cheap key derivation costs the tests use (the defaults take seconds by design).</summary>
internal static class Keys
{
    internal static readonly PbkdfOptions CheapPbkdf2 = new() { Algorithm = PbkdfAlgorithm.Pbkdf2, Iterations = 1000 };

    internal static readonly PbkdfOptions CheapArgon2id = new() { Algorithm = PbkdfAlgorithm.Argon2id, Iterations = 4, MemoryKiB = 32, Threads = 1 };

    internal static LuksFormatOptions Luks2 => new() { Pbkdf = CheapArgon2id };

    internal static LuksFormatOptions Luks1 => new() { Version = LuksVersion.Luks1, Pbkdf = CheapPbkdf2 };

    internal static Secret Passphrase(string text) => Secret.FromBytes(Encoding.UTF8.GetBytes(text));

    internal static string KeyFile(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"virtcrypt-key-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, content);
        return path;
    }
}
