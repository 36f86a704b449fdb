using CsCheck;

namespace VirtCrypt.Tests.Unit.Copy;

/// <summary>What one piece of a generated raw disk holds.</summary>
public enum PieceKind
{
    Data,
    Hole,
    ZeroData,
}

/// <summary>A raw disk made of data extents, holes and written zero blocks, with an unaligned size in general.</summary>
public sealed record RawLayout(IReadOnlyList<(PieceKind Kind, int Length)> Pieces, int Seed)
{
    internal static readonly Gen<RawLayout> Gen =
        CsCheck.Gen.Select(
            CsCheck.Gen.Select(CsCheck.Gen.Enum<PieceKind>(), CsCheck.Gen.Int[1, 400_000]).Array[1, 12],
            CsCheck.Gen.Int,
            (pieces, seed) => new RawLayout(pieces, seed));

    internal long Size => Pieces.Sum(piece => (long)piece.Length);

    /// <summary>Writes the disk to <paramref name="path"/>: holes are skipped (sparse), zero data is written.</summary>
    internal void WriteTo(string path)
    {
        var random = new Random(Seed);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        foreach (var (kind, length) in Pieces)
        {
            switch (kind)
            {
                case PieceKind.Data:
                    var bytes = new byte[length];
                    random.NextBytes(bytes);
                    file.Write(bytes);
                    break;
                case PieceKind.ZeroData:
                    file.Write(new byte[length]);
                    break;
                default:
                    file.Seek(length, SeekOrigin.Current);
                    break;
            }
        }

        file.SetLength(Size);
    }

    public override string ToString() => $"{string.Join(' ', Pieces.Select(p => $"{p.Kind}:{p.Length}"))} seed {Seed}";
}
