namespace VirtCrypt.Storage;

/// <summary>A logical volume just created, with how its requested size was rounded up to whole extents.</summary>
/// <param name="Volume">The new logical volume.</param>
/// <param name="Rounding">The requested size, the extent size and the size allocated.</param>
internal sealed record CreatedLogicalVolume(LogicalVolume Volume, SizeRounding Rounding);
