using Parley.Analysis.WhatIf;
using Parley.Core.Domain;

namespace Parley.Application.Analysing;

/// <summary>
/// Holds a <c>--set</c> what-if to the bounds a scenario file's numbers are held to (<see cref="InputBounds"/>), so that a
/// value the parser accepts as in range (a capability of 1e300, a salience of 1e-300) is refused at the option that gave
/// it, rather than later by the scenario it would build, where the message could not say which option was at fault.
/// </summary>
public static class SetBounds
{
    public static Intervention Check(Intervention whatIf, string text)
    {
        string? problem = whatIf.Kind switch
        {
            InterventionKind.SetCapability => InputBounds.Capability(whatIf.Value) is { } p ? $"capability {p} ({InputBounds.CapabilityAllowed})" : null,
            InterventionKind.SetSalience => InputBounds.SalienceFloor(whatIf.Value) is { } p ? "salience " + p : null,
            InterventionKind.SetPosition => InputBounds.Magnitude(whatIf.Value) is { } p ? $"position {p} ({InputBounds.MagnitudeAllowed})" : null,
            _ => null,
        };
        return problem is null ? whatIf : throw new WhatIfException($"--set '{text}': {problem}");
    }
}
