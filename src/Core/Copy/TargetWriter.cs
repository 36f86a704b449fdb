using Microsoft.Extensions.Logging;
using VirtCrypt.Errors;

namespace VirtCrypt.Copy;

/// <summary>
/// Writes chunks onto the target: data as is, zero ranges skipped, zeroed out or written, as the target needs.
/// Several threads may write different chunks at once.
/// </summary>
internal sealed class TargetWriter : IDisposable
{
    private readonly ILogger logger;
    private volatile bool zeroOutWorks = true;
    private long bytesWritten;
    private long bytesZeroed;
    private long bytesSkipped;

    private TargetWriter(BlockFile file, bool readsZeros, ILogger logger)
    {
        File = file;
        ReadsZeros = readsZeros;
        this.logger = logger;
    }

    internal BlockFile File { get; }

    internal bool ReadsZeros { get; }

    /// <summary>The size a file target gets once the copy is complete, when it grows during the copy.</summary>
    internal long? GrowsTo { get; private init; }

    internal long BytesWritten => Interlocked.Read(ref bytesWritten);

    internal long BytesZeroed => Interlocked.Read(ref bytesZeroed);

    internal long BytesSkipped => Interlocked.Read(ref bytesSkipped);

    /// <summary>Opens (or creates) the target and applies the size rules before anything is written.</summary>
    internal static TargetWriter Open(CopyTarget target, DiskImage source, CopyCheckpoint? resume, bool direct, ILogger logger)
    {
        var create = !target.IsBlockDevice && !System.IO.File.Exists(target.Path);
        if (create && resume is { Offset: > 0 })
        {
            throw new ObjectNotFoundException(
                $"Cannot resume the copy onto {target.Path}: the file is gone. Start the copy again without a checkpoint.");
        }

        var file = BlockFile.Open(target.Path, create ? BlockFileMode.CreateNew : BlockFileMode.Write, direct, logger);
        try
        {
            if (file.IsBlockDevice != target.IsBlockDevice)
            {
                throw new InvalidOperationStateException(target.IsBlockDevice
                    ? $"{target.Path} is not a block device. Use CopyTarget.File for a file target."
                    : $"{target.Path} is a block device. Use CopyTarget.BlockDevice for a device target.");
            }

            // A file this copy created grows by its writes (appending O_DIRECT writes are cheaper than filling a
            // pre-sized sparse file) and gets its full size at the end; a resumed one may still be short.
            var grows = create || (!file.IsBlockDevice && resume is { TargetReadsZeros: true });
            if (!grows && file.Length < source.VirtualSize)
            {
                throw new InsufficientSpaceException(
                    $"{target.Path} has {file.Length} bytes but {source.Path} needs {source.VirtualSize}. Nothing was written; " +
                    "use a target at least as large as the source's virtual size.");
            }

            var readsZeros = create || target.ReadsZeros || resume is { TargetReadsZeros: true };
            return new TargetWriter(file, readsZeros, logger) { GrowsTo = grows ? source.VirtualSize : null };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    internal void Write(Chunk chunk)
    {
        if (chunk.IsAllZero)
        {
            WriteZeros(chunk);
        }
        else if (ReadsZeros)
        {
            WriteDataOnly(chunk);
        }
        else
        {
            File.WriteAt(chunk.Offset, chunk.Buffer, 0, chunk.Length);
            foreach (var extent in chunk.Extents)
            {
                Interlocked.Add(ref extent.Kind == DiskExtentKind.Data ? ref bytesWritten : ref bytesZeroed, extent.Length);
            }
        }
    }

    /// <summary>Gives a growing file target its full size (its tail may be a hole) and makes everything durable.</summary>
    internal void Complete()
    {
        if (GrowsTo is { } size && File.Length < size)
        {
            File.SetLength(size);
        }

        File.Flush();
    }

    public void Dispose() => File.Dispose();

    private void WriteZeros(Chunk chunk)
    {
        if (ReadsZeros)
        {
            Interlocked.Add(ref bytesSkipped, chunk.Length);
            return;
        }

        var zeroedOut = false;
        if (zeroOutWorks && File.IsBlockDevice && chunk.Offset % 512 == 0 && chunk.Length % 512 == 0)
        {
            zeroedOut = File.TryZeroOut(chunk.Offset, chunk.Length);
            if (!zeroedOut)
            {
                zeroOutWorks = false;
                logger.ZeroOutUnsupported(File.Path);
            }
        }

        if (!zeroedOut)
        {
            chunk.EnsureBytes();
            File.WriteAt(chunk.Offset, chunk.Buffer, 0, chunk.Length);
        }

        Interlocked.Add(ref bytesZeroed, chunk.Length);
    }

    /// <summary>
    /// On a target that reads zeros only data is written, and within it only the 4 KiB blocks that are not all zeros
    /// (as qemu-img does), so zeros a guest wrote stay holes in a file target.
    /// </summary>
    private void WriteDataOnly(Chunk chunk)
    {
        foreach (var extent in chunk.Extents)
        {
            if (extent.Kind == DiskExtentKind.Zero)
            {
                Interlocked.Add(ref bytesSkipped, extent.Length);
                continue;
            }

            var runStart = -1L;
            for (var block = extent.Offset; block < extent.End;)
            {
                var blockEnd = Math.Min((block | (BlockFile.DirectAlignment - 1)) + 1, extent.End);
                var isData = chunk.Bytes[(int)(block - chunk.Offset)..(int)(blockEnd - chunk.Offset)].ContainsAnyExcept((byte)0);
                if (isData && runStart < 0)
                {
                    runStart = block;
                }
                else if (!isData)
                {
                    WriteRun(chunk, ref runStart, block);
                    Interlocked.Add(ref bytesSkipped, blockEnd - block);
                }

                block = blockEnd;
            }

            WriteRun(chunk, ref runStart, extent.End);
        }
    }

    private void WriteRun(Chunk chunk, ref long runStart, long runEnd)
    {
        if (runStart >= 0)
        {
            File.WriteAt(runStart, chunk.Buffer, (int)(runStart - chunk.Offset), (int)(runEnd - runStart));
            Interlocked.Add(ref bytesWritten, runEnd - runStart);
            runStart = -1;
        }
    }
}
