namespace Parley.Formats;

/// <summary>
/// One problem found in an input file, located precisely enough to fix it:
/// <c>FILE:LINE:COLUMN: error: FIELD: what is wrong (what is allowed)</c>.
/// Line and column are 1-based; 0 means "the whole file" (e.g. file not found, too large).
/// Whatever the input, a diagnostic stays one short line: its parts are bounded here, where every diagnostic is made
/// (see <see cref="DiagnosticText"/>), so a 5 MB value in a file gives an error of a few hundred characters.
/// </summary>
public sealed record Diagnostic(string File, int Line, int Column, string Field, string Message, string? Allowed = null)
{
    /// <summary>The most characters of FIELD, MESSAGE and ALLOWED together (each also has its own limit).</summary>
    public const int MaxText = 240;

    /// <summary>How many diagnostics are printed for one input; the rest are counted (<see cref="Lines"/>).</summary>
    public const int MaxPrinted = 100;

    /// <summary>How many diagnostics a reader collects from one file before it stops reading (and says so, <see cref="TooMany"/>).</summary>
    public const int MaxCollected = 1000;

    /// <summary>The last diagnostic of a reader that stopped at <see cref="MaxCollected"/> errors, at the place it stopped.</summary>
    public static Diagnostic TooMany(string file, int line, int column = 1) =>
        new(file, line, column, "", $"more than {MaxCollected:N0} errors: reading stopped here", "fix the errors above first");

    public string File { get; init; } = DiagnosticText.OneLine(File);
    public string Field { get; init; } = DiagnosticText.Bound(Field, 80);
    public string Message { get; init; } = DiagnosticText.Bound(Message, 160);

    public string? Allowed { get; init; } = Allowed is null ? null
        : DiagnosticText.Bound(Allowed, Math.Max(20, MaxText - Math.Min(Field.Length, 80) - Math.Min(Message.Length, 160)));

    public override string ToString()
    {
        var allowed = string.IsNullOrEmpty(Allowed) ? "" : $" ({Allowed})";
        var field = string.IsNullOrEmpty(Field) ? "" : $"{Field}: ";
        return $"{File}:{Line}:{Column}: error: {field}{Message}{allowed}";
    }

    /// <summary>
    /// The lines to print for <paramref name="diagnostics"/>: the first <see cref="MaxPrinted"/>, then one line saying how
    /// many more there are (a file with a million bad rows gives a hundred and one lines, not a million).
    /// </summary>
    public static IEnumerable<string> Lines(IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics.Take(MaxPrinted)) yield return d.ToString();
        if (diagnostics.Count > MaxPrinted)
            yield return $"parley: … {diagnostics.Count - MaxPrinted:N0} more error{(diagnostics.Count - MaxPrinted == 1 ? "" : "s")} not shown";
    }
}

/// <summary>Raised when an input cannot be read; carries every problem found, not just the first.</summary>
public sealed class InputException(IReadOnlyList<Diagnostic> diagnostics)
    : Core.ParleyException(string.Join(Environment.NewLine, Diagnostic.Lines(diagnostics)))
{
    public override Core.ParleyErrorKind Kind => Core.ParleyErrorKind.InvalidInput;

    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>What the reader noticed before it failed (shown before the errors).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    public InputException(Diagnostic diagnostic) : this([diagnostic]) { }
}

/// <summary>
/// The outcome of reading a file: the value when there was no error, every diagnostic found, and notices
/// (things the user should know that are not errors, e.g. "saliences read as percent"), printed on stderr.
/// Notices are bounded like diagnostics: each to one line of at most <see cref="MaxNoticeLength"/> characters, and
/// at most <see cref="Diagnostic.MaxPrinted"/> of them.
/// </summary>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<string> Notices) where T : class
{
    public const int MaxNoticeLength = 300;

    public IReadOnlyList<string> Notices { get; init; } = BoundNotices(Notices);

    public bool Ok => Value is not null && Errors.Count == 0;

    public T ValueOrThrow() => Ok ? Value! : throw new InputException(Errors) { Notices = Notices };

    public static LoadResult<T> Fail(IReadOnlyList<Diagnostic> errors, IReadOnlyList<string>? notices = null) =>
        new(null, errors, notices ?? []);

    public static LoadResult<T> Success(T value, IReadOnlyList<string>? notices = null) => new(value, [], notices ?? []);

    private static IReadOnlyList<string> BoundNotices(IReadOnlyList<string> notices)
    {
        if (notices.Count == 0) return notices;
        var bounded = notices.Take(Diagnostic.MaxPrinted).Select(n => DiagnosticText.Bound(n, MaxNoticeLength)).ToList();
        if (notices.Count > Diagnostic.MaxPrinted) bounded.Add($"… {notices.Count - Diagnostic.MaxPrinted:N0} more notes not shown");
        return bounded;
    }
}
