namespace VirtCrypt.Tests;

/// <summary>Paths inside this repository, found from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VirtCrypt.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No VirtCrypt.sln above {AppContext.BaseDirectory}.");
    });

    internal static string Root => RootPath.Value;

    internal static string NativeStubs => Path.Combine(Root, "native-stubs");
}
