using Parley.Formats.Documents;

namespace Parley.Formats.Scenarios;

/// <summary>Collects the located problems found while binding one file.</summary>
internal sealed class BindContext(string file)
{
    private readonly List<Diagnostic> _errors = [];

    public string File { get; } = file;
    public IReadOnlyList<Diagnostic> Errors => _errors;
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Records a problem; past <see cref="Diagnostic.MaxCollected"/> of them, only the first place is noted.</summary>
    public void Error(Mark at, string field, string message, string? allowed = null)
    {
        if (_errors.Count < Diagnostic.MaxCollected) _errors.Add(new Diagnostic(File, at.Line, at.Column, field, message, allowed));
        else if (_errors.Count == Diagnostic.MaxCollected) _errors.Add(Diagnostic.TooMany(File, at.Line, at.Column));
    }

    public void Error(LocatedNode at, string field, string message, string? allowed = null) =>
        Error(at.Start, field, message, allowed);

    /// <summary>Runs a domain constructor; if it still refuses the input (the binder let something slip), reports it here.</summary>
    public T? Build<T>(LocatedNode at, string field, Func<T> construct) where T : class
    {
        try
        {
            return construct();
        }
        catch (ArgumentException e)
        {
            Error(at, field, e.Message.TrimEnd('.'));
            return null;
        }
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
