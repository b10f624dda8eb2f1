namespace Parley.Cli.Tests;

/// <summary>Files the tests write for the CLI to read (the caller deletes them).</summary>
internal static class TempFiles
{
    /// <summary>Writes <paramref name="content"/> to a new file in the temp folder with the given extension (".yaml", ".xml", …).</summary>
    internal static string Write(string extension, string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-test-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }
}
