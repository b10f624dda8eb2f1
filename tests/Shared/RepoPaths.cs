namespace Parley.Tests.Shared;

/// <summary>Paths inside this repository (found from the test binaries by walking up to Parley.slnx).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootDir = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (Parley.slnx) was not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootDir.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
