namespace VirtCrypt.Boot;

/// <summary>A keyslot a keyfile was added to.</summary>
/// <param name="DevicePath">The LUKS device.</param>
/// <param name="Keyslot">The keyslot number.</param>
internal sealed record EnrolledKeyslot(string DevicePath, int Keyslot);
