namespace VirtCrypt.Boot;

/// <summary>
/// What opens a domain's encrypted volumes at boot, before libvirt autostarts it: one <c>/etc/crypttab</c> entry per
/// volume (by LUKS UUID) and a systemd drop-in per libvirt daemon ordering it after their cryptsetup units.
/// </summary>
/// <param name="Domain">The domain.</param>
/// <param name="Entries">The crypttab entries, one per volume.</param>
/// <param name="DropIns">The systemd drop-ins, one per daemon.</param>
internal sealed record BootConfig(string Domain, IReadOnlyList<CrypttabEntry> Entries, IReadOnlyList<SystemdDropIn> DropIns)
{
    /// <summary>
    /// The configuration for <paramref name="volumes"/> of <paramref name="domain"/>: passphrase asked at boot
    /// (<c>none</c>) unless <paramref name="keyFile"/> is given; <c>discard</c> where a volume allows discards.
    /// </summary>
    /// <param name="domain">The domain.</param>
    /// <param name="volumes">Its encrypted volumes (see <see cref="EncryptedVolumeFinder"/>).</param>
    /// <param name="keyFile">An absolute keyfile path that opens every volume, or null.</param>
    /// <param name="dropInDirectories">Where the drop-ins go; <see cref="SystemdDropIn.DefaultDirectories"/> by default.</param>
    public static BootConfig For(
        string domain, IReadOnlyList<EncryptedVolume> volumes, string? keyFile = null, IReadOnlyList<string>? dropInDirectories = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        ArgumentNullException.ThrowIfNull(volumes);
        if (volumes.Count == 0)
        {
            throw new ArgumentException($"'{domain}' has no encrypted volume to open at boot.", nameof(volumes));
        }

        var entries = volumes.Select(v => CrypttabEntry.ForLuks(v.MapperName, v.LuksUuid, keyFile, v.AllowDiscards)).ToList();
        var mappers = volumes.Select(v => v.MapperName).ToList();
        var dropIns = (dropInDirectories ?? SystemdDropIn.DefaultDirectories).Select(d => SystemdDropIn.For(d, domain, mappers)).ToList();
        return new BootConfig(domain, entries, dropIns);
    }

    /// <summary>The comment line written above the domain's entries in crypttab.</summary>
    public string CrypttabComment => $"virtcrypt: the encrypted volumes of the libvirt domain '{Domain}'";

    /// <summary>
    /// Adds the entries to the crypttab at <paramref name="crypttabPath"/> and writes the drop-ins, each file
    /// atomically with a backup of its previous version (a symbolic link is followed, once, to the file it points to,
    /// which is replaced; the link stays). Checks first: if crypttab already has an entry with one of the names or
    /// UUIDs, or one of the paths is not a regular file nor a link to one, nothing at all is written.
    /// </summary>
    /// <returns>The backups made.</returns>
    /// <exception cref="Errors.ObjectAlreadyExistsException">crypttab already has such an entry; nothing was written.</exception>
    /// <exception cref="Errors.OperationNotSupportedException">
    /// A path is a device node, FIFO, socket, directory or dangling link; nothing was written.
    /// </exception>
    public IReadOnlyList<string> Write(string crypttabPath = CrypttabFile.DefaultPath)
    {
        foreach (var dropIn in DropIns)
        {
            ConfigurationFile.Resolve(dropIn.Path);
        }

        var crypttabFile = ConfigurationFile.Resolve(crypttabPath).Path;
        var crypttab = CrypttabFile.Load(crypttabFile);
        crypttab.Add(Entries, CrypttabComment);
        var backups = new List<string>();
        if (crypttab.Save(crypttabFile) is { } crypttabBackup)
        {
            backups.Add(crypttabBackup);
        }

        backups.AddRange(DropIns.Select(d => d.Save()).OfType<string>());
        return backups;
    }
}
