namespace Parley.Formats;

/// <summary>
/// One problem found in an input file, located precisely enough to fix it:
/// <c>FILE:LINE:COLUMN: error: FIELD: what is wrong (what is allowed)</c>.
/// Line and column are 1-based; 0 means "the whole file" (e.g. file not found, too large).
/// </summary>
public sealed record Diagnostic(string File, int Line, int Column, string Field, string Message, string? Allowed = null)
{
    public override string ToString()
    {
        var allowed = string.IsNullOrEmpty(Allowed) ? "" : $" ({Allowed})";
        var field = string.IsNullOrEmpty(Field) ? "" : $"{Field}: ";
        return $"{File}:{Line}:{Column}: error: {field}{Message}{allowed}";
    }
}

/// <summary>Raised when an input cannot be read; carries every problem found, not just the first.</summary>
public sealed class InputException(IReadOnlyList<Diagnostic> diagnostics)
    : Core.ParleyException(string.Join(Environment.NewLine, diagnostics))
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
/// </summary>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<string> Notices) where T : class
{
    public bool Ok => Value is not null && Errors.Count == 0;

    public T ValueOrThrow() => Ok ? Value! : throw new InputException(Errors) { Notices = Notices };

    public static LoadResult<T> Fail(IReadOnlyList<Diagnostic> errors, IReadOnlyList<string>? notices = null) =>
        new(null, errors, notices ?? []);

    public static LoadResult<T> Success(T value, IReadOnlyList<string>? notices = null) => new(value, [], notices ?? []);
}
