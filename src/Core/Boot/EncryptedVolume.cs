namespace VirtCrypt.Boot;

/// <summary>One encrypted disk of a domain: the mapping the guest uses and the LUKS volume under it.</summary>
/// <param name="MapperName">The mapping's name; the disk's source is <c>/dev/mapper/NAME</c>.</param>
/// <param name="DevicePath">The LUKS device (the logical volume).</param>
/// <param name="LuksUuid">The UUID of its LUKS header.</param>
/// <param name="AllowDiscards">Whether discards are to pass through (the migration's choice, or the open mapping's flag).</param>
internal sealed record EncryptedVolume(string MapperName, string DevicePath, Guid LuksUuid, bool AllowDiscards);
