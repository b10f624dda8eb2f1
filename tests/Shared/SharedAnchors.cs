namespace Parley.Tests.Shared;

/// <summary>
/// Finds the field's reference data (../shared/anchors beside the repository, or $PARLEY_SHARED/anchors).
/// Tests that compare against the full reference files call <see cref="RequireFile"/>, which skips the test
/// with a clear message when the folder is absent (a user's clone has none). The project's own fixtures keep
/// the key reference values, so every model is still checked without it.
/// </summary>
public static class SharedAnchors
{
    private static readonly Lazy<string?> Root = new(Locate);

    public static string? Directory => Root.Value;

    private static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("PARLEY_SHARED");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(Path.Combine(env, "anchors")))
            return Path.Combine(env, "anchors");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "anchors");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The full path of a file under shared/anchors, or skips the calling test when it is absent.</summary>
    public static string RequireFile(string relativePath)
    {
        var root = Directory;
        if (root is null)
            Xunit.Assert.Skip($"reference data not found: ../shared/anchors (set PARLEY_SHARED); skipping comparison with {relativePath}");
        var path = Path.Combine(root!, relativePath);
        if (!File.Exists(path))
            Xunit.Assert.Skip($"reference file not found: {path}; skipping");
        return path;
    }
}

/// <summary>Paths of the project's own test fixtures (copied next to the test assembly).</summary>
public static class Fixtures
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>The repository root (for tests that read scenarios/ or docs/).</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Parley.slnx"))) return dir.FullName;
            throw new InvalidOperationException("repository root (Parley.slnx) not found above " + AppContext.BaseDirectory);
        }
    }
}
