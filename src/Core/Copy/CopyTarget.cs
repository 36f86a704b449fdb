namespace VirtCrypt.Copy;

/// <summary>Where a copy goes: a block device (the dm-crypt mapping) or a file.</summary>
internal sealed class CopyTarget
{
    private CopyTarget(string path, bool isBlockDevice, bool readsZeros)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        IsBlockDevice = isBlockDevice;
        ReadsZeros = readsZeros;
    }

    /// <summary>The device or file.</summary>
    public string Path { get; }

    /// <summary>True for a block device target (checked when it is opened).</summary>
    public bool IsBlockDevice { get; }

    /// <summary>
    /// True when the caller knows every unwritten byte of the target reads as zero, so ranges that are zero in the
    /// source are skipped. A fresh dm-crypt mapping does not: it decrypts unwritten sectors to noise.
    /// </summary>
    public bool ReadsZeros { get; }

    /// <summary>
    /// A block device at least as large as the source. Zero ranges are written as zeros (BLKZEROOUT where the
    /// device supports it) unless <paramref name="readsZeros"/> says the device already reads zeros there.
    /// </summary>
    public static CopyTarget BlockDevice(string path, bool readsZeros = false) => new(path, isBlockDevice: true, readsZeros);

    /// <summary>
    /// A file. A missing file is created (mode 0600) with the source's size and stays sparse: zero ranges are
    /// skipped. An existing file must be at least the source's size, and zero ranges are written into it unless
    /// <paramref name="readsZeros"/> says they already read as zeros.
    /// </summary>
    public static CopyTarget File(string path, bool readsZeros = false) => new(path, isBlockDevice: false, readsZeros);
}
