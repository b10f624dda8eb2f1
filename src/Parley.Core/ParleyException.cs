namespace Parley.Core;

/// <summary>What kind of failure a <see cref="ParleyException"/> is; every edge (CLI, HTTP, worker) maps these to its own codes.</summary>
public enum ParleyErrorKind
{
    /// <summary>A scenario or data file is invalid; the diagnostics say where.</summary>
    InvalidInput,

    /// <summary>What was asked for is invalid (an unknown issue or actor, a bad count, a what-if that does not apply).</summary>
    InvalidRequest,

    /// <summary>A model setting is unknown to the chosen models or has a value the model cannot use.</summary>
    InvalidSetting,

    /// <summary>A model name that no registered model answers to.</summary>
    UnknownModel,

    /// <summary>A model cannot run on this (valid) input, and says why.</summary>
    ModelRefused,
}

/// <summary>
/// The base of every failure Parley reports to its user: the message is written for them (no stack trace, no type
/// names). Anything else escaping Parley is a bug. Cancellation is the standard <see cref="OperationCanceledException"/>.
/// </summary>
public abstract class ParleyException(string message, Exception? inner = null) : Exception(message, inner)
{
    public abstract ParleyErrorKind Kind { get; }
}

/// <summary>What was asked for cannot be done: <see cref="Field"/> names the request field (e.g. "draws", "issue").</summary>
public sealed class InvalidRequestException(string field, string message) : ParleyException(message)
{
    public string Field { get; } = field;
    public override ParleyErrorKind Kind => ParleyErrorKind.InvalidRequest;
}

/// <summary>
/// A model cannot run on this input (e.g. every salience on an issue is 0). <see cref="Scenario"/>, <see cref="Issue"/>
/// and <see cref="Actor"/> name the input at fault when there is one, so an edge can point at where it was written.
/// </summary>
public sealed class ModelRefusedException(string model, string message, string? issue = null, string? actor = null)
    : ParleyException(message)
{
    public string Model { get; } = model;
    public string? Issue { get; } = issue;
    public string? Actor { get; } = actor;

    /// <summary>The id of the scenario the model refused.</summary>
    public string? Scenario { get; init; }

    public override ParleyErrorKind Kind => ParleyErrorKind.ModelRefused;

    /// <summary>Where: "scenario 'S', issue 'I', actor 'A', model 'M'" (the parts known).</summary>
    public string Location => string.Join(", ", new[]
    {
        Scenario is null ? null : $"scenario '{Scenario}'", Issue is null ? null : $"issue '{Issue}'",
        Actor is null ? null : $"actor '{Actor}'", $"model '{Model}'",
    }.Where(p => p is not null));
}
