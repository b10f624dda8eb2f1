using Parley.Core;
using Parley.Formats;

namespace Parley.Application;

/// <summary>
/// A failure as an edge reports it: its kind, one message for the user, and the located diagnostics when the input was
/// at fault. <see cref="From"/> is the one place that tells Parley's own failures (<see cref="ParleyException"/>) from
/// cancellation and from bugs.
/// </summary>
public sealed record ParleyError(ParleyErrorKind? Kind, string Message, IReadOnlyList<Diagnostic> Diagnostics, bool Cancelled = false)
{
    /// <summary>True for a bug in Parley (anything that is neither Parley's own failure nor a cancellation).</summary>
    public bool Internal => Kind is null && !Cancelled;

    public static ParleyError From(Exception e) => e switch
    {
        InputException input => new ParleyError(input.Kind, input.Message, input.Diagnostics),
        InvalidRequestException request => new ParleyError(request.Kind, $"{request.Field}: {request.Message}", []),
        ParleyException parley => new ParleyError(parley.Kind, parley.Message, []),
        OperationCanceledException => new ParleyError(null, "cancelled", [], Cancelled: true),
        _ => new ParleyError(null, e.Message, []),
    };
}
