namespace VirtCrypt.Boot;

/// <summary>
/// A systemd drop-in (<c>/etc/systemd/system/UNIT.d/FILE.conf</c>) that makes a libvirt daemon start after the
/// <c>systemd-cryptsetup@NAME.service</c> units opening a domain's volumes, so that the guests it autostarts find
/// their disks. Run <c>systemctl daemon-reload</c> after writing one.
/// </summary>
/// <param name="Directory">The drop-in directory, for example <c>/etc/systemd/system/libvirtd.service.d</c>.</param>
/// <param name="FileName">The file's name, <c>virtcrypt-DOMAIN.conf</c>.</param>
/// <param name="Text">The file's content.</param>
internal sealed record SystemdDropIn(string Directory, string FileName, string Text)
{
    /// <summary>The libvirt daemons that autostart guests: the monolithic one and the modular QEMU driver daemon.</summary>
    public static IReadOnlyList<string> DefaultDirectories { get; } =
        ["/etc/systemd/system/libvirtd.service.d", "/etc/systemd/system/virtqemud.service.d"];

    /// <summary>The file's full path.</summary>
    public string Path => System.IO.Path.Combine(Directory, FileName);

    /// <summary>
    /// The drop-in for <paramref name="domain"/> in <paramref name="directory"/>: <c>Wants=</c> and <c>After=</c>
    /// every cryptsetup unit of <paramref name="mapperNames"/>, with a comment explaining it and the alternative.
    /// </summary>
    public static SystemdDropIn For(string directory, string domain, IReadOnlyList<string> mapperNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        ArgumentNullException.ThrowIfNull(mapperNames);
        var units = string.Join(' ', mapperNames.Select(SystemdUnitName.CryptsetupService));
        var text = $"""
            # Written by virtcrypt boot-config for the libvirt domain '{domain.ReplaceLineEndings(" ")}'.
            # libvirt starts autostarted guests as soon as the daemon starts. This guest's disks are
            # dm-crypt mappings that systemd-cryptsetup opens from /etc/crypttab, so the daemon waits
            # for those units. Wants= (not Requires=): if a volume stays locked, the daemon and the
            # other guests still start; only this guest fails to. Apply with: systemctl daemon-reload
            # Alternative without this file: disable the guest's autostart (virsh autostart --disable)
            # and start it with 'virtcrypt start --domain {domain.ReplaceLineEndings(" ")}', which opens its volumes first.
            [Unit]
            Wants={units}
            After={units}

            """;
        return new SystemdDropIn(directory, $"virtcrypt-{FileNamePart(domain)}.conf", text.ReplaceLineEndings("\n"));
    }

    /// <summary>
    /// Writes the drop-in atomically (creating its directory), backing up a different previous version as
    /// <c>FILE.virtcrypt-bak</c> (systemd reads only <c>*.conf</c>). An identical file is left alone. As for crypttab
    /// (see <see cref="CrypttabFile.Save"/>), a symbolic link is followed and stays, and anything but a regular file is
    /// refused.
    /// </summary>
    /// <returns>The backup's path, or null when there was no different previous file.</returns>
    /// <exception cref="Errors.OperationNotSupportedException">The path is not a regular file, nor a link to one; nothing was written.</exception>
    public string? Save()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var file = ConfigurationFile.Resolve(Path);
        return file.Existing is not null && file.ReadText() == Text ? null : AtomicFile.Write(Path, Text, AtomicFile.ConfigurationMode);
    }

    private static string FileNamePart(string domain) =>
        string.Concat(domain.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
