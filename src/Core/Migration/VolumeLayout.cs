namespace VirtCrypt.Migration;

/// <summary>How one migrated disk is laid out on its new logical volume.</summary>
/// <param name="SourceBytes">The source disk's virtual size.</param>
/// <param name="LvBytes">The logical volume's size: a whole number of extents.</param>
/// <param name="DataOffsetBytes">Where the encrypted data starts on the LV: the LUKS header plus the rounding slack.</param>
/// <param name="MappedBytes">The size of <c>/dev/mapper/NAME</c>: <see cref="LvBytes"/> − <see cref="DataOffsetBytes"/>.</param>
/// <param name="Note">Why the mapped size differs from the source size, when it does.</param>
public sealed record VolumeLayout(long SourceBytes, long LvBytes, long DataOffsetBytes, long MappedBytes, string? Note)
{
    /// <summary>True when the guest sees exactly the source's size, so a GPT backup header stays at the disk's end.</summary>
    public bool IsExactSize => MappedBytes == SourceBytes;
}
