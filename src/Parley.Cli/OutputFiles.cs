using System.Text;

namespace Parley.Cli;

/// <summary>
/// The files commands write (-o/--output, --out): the path is checked before the work starts, and each file is written
/// to a temporary file in the same folder, flushed, then renamed over the target, so a failed, interrupted or killed
/// write never leaves a half-written file and the previous file stays intact until the new one is complete.
/// An existing file is replaced; an existing folder, an empty path or a folder that cannot be written is a usage error
/// (exit 2).
/// </summary>
public static class OutputFiles
{
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Checks that <paramref name="path"/> can be written as a file (before a long computation); returns its full path.</summary>
    public static string CheckFile(string? path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option}: the output file name is empty");
        string full = Full(path, option);
        if (Directory.Exists(full)) throw new UsageException($"{option}: '{path}' is a folder, not a file");
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new UsageException($"{option}: cannot write '{path}': the folder '{folder}' does not exist");
        Probe(folder, path, option);
        return full;
    }

    /// <summary>Checks that <paramref name="directory"/> is (or can be created as) a writable folder; returns its full path.</summary>
    public static string CheckFolder(string? directory, string option)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new UsageException($"{option}: the output folder name is empty");
        string full = Full(directory, option);
        if (File.Exists(full)) throw new UsageException($"{option}: '{directory}' is a file, not a folder");
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: cannot create the folder '{directory}': {Reason(e)}");
        }
        Probe(full, directory, option);
        return full;
    }

    /// <summary>Writes the text <paramref name="write"/> produces to <paramref name="path"/>, atomically (see the class).</summary>
    public static void Write(string path, Action<TextWriter> write, string option)
    {
        string full = CheckFile(path, option);
        string temp = TempName(Path.GetDirectoryName(full)!, Path.GetFileName(full));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true)) write(writer);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new UsageException($"{option}: cannot write '{path}': {Reason(e)}");
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, string content, string option) => Write(path, w => w.Write(content), option);

    private static string Full(string path, string option)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option}: '{path}' is not a valid path");
        }
    }

    /// <summary>Fails now, not after the work, when the folder cannot take a new file.</summary>
    private static void Probe(string folder, string shown, string option)
    {
        var probe = TempName(folder, "probe");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: cannot write '{shown}': {Reason(e)}");
        }
        finally
        {
            TryDelete(probe);
        }
    }

    private static string TempName(string folder, string name) =>
        Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");

    /// <summary>Why a write failed, without the temporary file's name that .NET's messages carry.</summary>
    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied (the folder is not writable)",
        DirectoryNotFoundException => "its folder does not exist",
        PathTooLongException => "the path is too long",
        _ when e.Message.Contains(".tmp", StringComparison.Ordinal) => "the folder cannot be written (read-only or full)",
        _ => e.Message,
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // nothing more to do: the target was not touched
        }
    }
}
