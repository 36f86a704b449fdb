namespace VirtCrypt.Copy;

/// <summary>The format of a disk image, as the domain XML declares it (<c>&lt;driver type='...'/&gt;</c>).</summary>
public enum DiskFormat
{
    /// <summary>The guest's bytes as they are: a block device or a (possibly sparse) file.</summary>
    Raw,

    /// <summary>QEMU copy-on-write, versions 2 and 3.</summary>
    Qcow2,
}
