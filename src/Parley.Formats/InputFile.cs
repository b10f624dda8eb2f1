using System.Text;

namespace Parley.Formats;

/// <summary>
/// Reads every file Parley takes as input (scenario files, DEU files, the files of a folder data set, capability
/// tables): refuses what is not a regular file — a directory ("is a directory"), a named pipe (which would block), a
/// device (/dev/zero never ends) or a socket — and stops reading as soon as the content passes the size limit, so a
/// file that reports no length (/proc, a device) cannot make the program read without end. Problems come back as
/// diagnostics for the whole file (line 0, column 0).
/// </summary>
public static class InputFile
{
    /// <summary>Files larger than this are refused (documented in docs/scenario-format.md).</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    private const string SizeAllowed = "at most 52,428,800 bytes (50 MB)";

    /// <summary>
    /// The file's text (UTF-8 unless a byte order mark says otherwise; the mark is dropped), or a diagnostic naming
    /// <paramref name="field"/> (e.g. "--capability") when it is missing, not a regular file, unreadable or too large.
    /// </summary>
    public static LoadResult<string> ReadText(string path, string field = "", long maxBytes = MaxBytes)
    {
        if (Check(path, field) is { } refused) return LoadResult<string>.Fail([refused]);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > maxBytes) return TooLarge(path, field, $"{stream.Length:N0} bytes", maxBytes);
            var content = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk)) > 0)
            {
                if (content.Length + n > maxBytes) return TooLarge(path, field, $"more than {maxBytes:N0} bytes", maxBytes);
                content.Write(chunk, 0, n);
            }
            content.Position = 0;
            using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return LoadResult<string>.Success(reader.ReadToEnd());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return LoadResult<string>.Fail([new Diagnostic(path, 0, 0, field, $"cannot read the file: {e.Message}")]);
        }
    }

    /// <summary>Null when <paramref name="path"/> is a regular file (or a link to one); otherwise why it cannot be read.</summary>
    public static Diagnostic? Check(string path, string field = "")
    {
        return FileKinds.Of(path) switch
        {
            FileKind.Missing => new Diagnostic(path, 0, 0, field, "file not found"),
            FileKind.Directory => new Diagnostic(path, 0, 0, field, "is a directory", "a file"),
            FileKind.Pipe => new Diagnostic(path, 0, 0, field, "is a named pipe (FIFO), not a regular file", "a regular file"),
            FileKind.Device => new Diagnostic(path, 0, 0, field, "is a device, not a regular file", "a regular file"),
            FileKind.Socket => new Diagnostic(path, 0, 0, field, "is a socket, not a regular file", "a regular file"),
            _ => null, // a regular file, or a kind this platform cannot tell (then the size limit still holds while reading)
        };
    }

    private static LoadResult<string> TooLarge(string path, string field, string size, long maxBytes) =>
        LoadResult<string>.Fail([new Diagnostic(path, 0, 0, field, $"file too large: {size}",
            maxBytes == MaxBytes ? SizeAllowed : $"at most {maxBytes:N0} bytes")]);
}
