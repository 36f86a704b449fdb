using Microsoft.Extensions.Logging;

namespace VirtCrypt.Crypto;

/// <summary>The log messages of the LUKS layer. None carries a passphrase or key.</summary>
internal static partial class CryptsetupLogMessages
{
    [LoggerMessage(EventId = 3000, Message = "libcryptsetup: {Line}")]
    internal static partial void Native(ILogger logger, LogLevel level, string line);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Formatted {Device} as {Version} ({Cipher}-{Mode}, {KeySizeBits}-bit key, keyslot {Slot})")]
    internal static partial void Formatted(ILogger logger, string device, LuksVersion version, string cipher, string mode, int keySizeBits, int slot);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Added keyslot {Slot} to {Device}")]
    internal static partial void KeyAdded(ILogger logger, int slot, string device);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Removed keyslot {Slot} from {Device}")]
    internal static partial void KeyRemoved(ILogger logger, int slot, string device);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Opened {Device} as {Path}")]
    internal static partial void Opened(ILogger logger, string device, string path);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Closed {Name}")]
    internal static partial void Closed(ILogger logger, string name);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Backed up the LUKS header of {Device} to {File}")]
    internal static partial void HeaderBackedUp(ILogger logger, string device, string file);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Restored the LUKS header of {Device} from {File}")]
    internal static partial void HeaderRestored(ILogger logger, string device, string file);
}
