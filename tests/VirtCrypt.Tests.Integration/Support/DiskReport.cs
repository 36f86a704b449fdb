using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// What an administrator checks on a disk holding a GPT with an ext4 partition, read without writing anything:
/// <c>sgdisk -v</c>, where the backup GPT header is, partition 1 (<c>sgdisk -i 1</c>), <c>fsck.ext4 -fn</c>
/// and the <see cref="FileTreeManifest"/> of the read-only mounted filesystem.
/// </summary>
/// <param name="Bytes">The disk's size.</param>
/// <param name="GptVerify">The output of <c>sgdisk -v</c>.</param>
/// <param name="BackupHeaderLba">Where the primary header says the backup header is.</param>
/// <param name="LastSectorIsBackupHeader">Whether the disk's last sector holds a GPT header describing itself as the backup.</param>
/// <param name="Partition">The output of <c>sgdisk -i 1</c>.</param>
/// <param name="FsckExit">The exit code of <c>fsck.ext4 -fn</c> (0: clean).</param>
/// <param name="Fsck">Its output.</param>
/// <param name="Manifest">The file tree.</param>
internal sealed record DiskReport(
    long Bytes, string GptVerify, long BackupHeaderLba, bool LastSectorIsBackupHeader, string Partition, int FsckExit, string Fsck,
    IReadOnlyList<string> Manifest)
{
    private const int Sector = 512;

    internal long LastLba => Bytes / Sector - 1;

    internal bool GptHasNoProblems => GptVerify.Contains("No problems found", StringComparison.Ordinal);

    /// <summary>Inspects <paramref name="path"/>, a disk image file or a block device, through a read-only loop device.</summary>
    internal static DiskReport Of(string path)
    {
        using var loop = LoopDevice.AttachPartitioned(path, readOnly: true);
        var bytes = long.Parse(ExternalTool.Run("blockdev", "--getsize64", loop.DevicePath).Trim(), CultureInfo.InvariantCulture);
        var (backupLba, lastIsBackup) = ReadHeaders(loop.DevicePath, bytes / Sector - 1);
        var verify = ExternalTool.RunToEnd("sgdisk", "-v", loop.DevicePath);
        var fsck = ExternalTool.RunToEnd("fsck.ext4", "-fn", loop.Partition(1));
        IReadOnlyList<string> manifest;
        using (var mounted = MountedFileSystem.Mount(loop.Partition(1), readOnly: true))
        {
            manifest = FileTreeManifest.Of(mounted.Path);
        }

        return new DiskReport(
            bytes,
            verify.Output + verify.Error,
            backupLba,
            lastIsBackup,
            ExternalTool.Run("sgdisk", "-i", "1", loop.DevicePath),
            fsck.Exit,
            fsck.Output + fsck.Error,
            manifest);
    }

    /// <summary>The primary header's backup LBA, and whether the last sector is a header whose own LBA is the last one.</summary>
    private static (long BackupLba, bool LastIsBackup) ReadHeaders(string device, long lastLba)
    {
        using var disk = new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var primary = ReadSector(disk, 1);
        var last = ReadSector(disk, lastLba);
        var backupLba = IsHeader(primary) ? BinaryPrimitives.ReadInt64LittleEndian(primary.AsSpan(32)) : -1;
        var lastIsBackup = IsHeader(last) && BinaryPrimitives.ReadInt64LittleEndian(last.AsSpan(24)) == lastLba
            && BinaryPrimitives.ReadInt64LittleEndian(last.AsSpan(32)) == 1;
        return (backupLba, lastIsBackup);
    }

    private static bool IsHeader(byte[] sector) => Encoding.ASCII.GetString(sector, 0, 8) == "EFI PART";

    private static byte[] ReadSector(FileStream disk, long lba)
    {
        var sector = new byte[Sector];
        disk.Position = lba * Sector;
        disk.ReadExactly(sector);
        return sector;
    }
}
