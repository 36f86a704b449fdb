namespace VirtCrypt.Copy;

/// <summary>The files of one qcow2 backing chain, to refuse loops and absurd depths.</summary>
internal sealed class BackingChain
{
    internal const int MaxDepth = 32;

    private readonly HashSet<string> files = new(StringComparer.Ordinal);

    internal BackingChain(string topImage) => files.Add(Identity(topImage));

    /// <summary>Admits <paramref name="backingFile"/> of <paramref name="image"/>, or throws if it closes a loop.</summary>
    internal void Enter(string image, string backingFile)
    {
        if (!files.Add(Identity(backingFile)))
        {
            throw new InvalidDiskImageException(image,
                $"The backing chain of {image} loops: its backing file {backingFile} is already in the chain. Repair it with qemu-img rebase.");
        }

        if (files.Count > MaxDepth)
        {
            throw new InvalidDiskImageException(image,
                $"The backing chain of {image} is deeper than {MaxDepth} files. Flatten it with qemu-img convert first.");
        }
    }

    private static string Identity(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return File.Exists(full) ? File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full : full;
    }
}
