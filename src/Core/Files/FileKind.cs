namespace VirtCrypt.Files;

/// <summary>What a path turned out to be (the S_IFMT bits of its mode).</summary>
internal enum FileKind
{
    RegularFile,
    BlockDevice,
    Directory,
    CharacterDevice,
    Fifo,
    Socket,
    SymbolicLink,
    Other,
}
