namespace VirtCrypt.Crypto;

/// <summary>An open (active) dm-crypt mapping, as it was when queried.</summary>
/// <param name="Name">The device-mapper name.</param>
/// <param name="Path">The block device to use: <c>/dev/mapper/NAME</c>.</param>
/// <param name="SizeBytes">The size of the decrypted device in bytes.</param>
/// <param name="UnderlyingDevice">The encrypted device underneath.</param>
/// <param name="ReadOnly">Whether it is mapped read-only.</param>
/// <param name="AllowDiscards">Whether discards pass through to the device underneath.</param>
/// <param name="InUse">Whether something holds it open (a guest, a mount, an open file).</param>
internal sealed record MappedDevice(
    string Name, string Path, long SizeBytes, string? UnderlyingDevice, bool ReadOnly, bool AllowDiscards, bool InUse);
