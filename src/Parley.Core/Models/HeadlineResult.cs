using Parley.Core.Domain;

namespace Parley.Core.Models;

/// <summary>
/// The Parley forecast of one issue (the headline): one number on the issue's own scale and its 80 % interval
/// (<see cref="P10"/>, <see cref="P90"/>), made by the documented combination of the models in <see cref="Method"/>
/// (docs/headline.md). <see cref="Draws"/> &gt; 0 when the interval also reflects the scenario's input ranges (Monte
/// Carlo draws of the headline plus calibrated model error); 0 when it shows model error only.
/// </summary>
public sealed record HeadlineResult(IssueId Issue, double Forecast, double P10, double P90, string Method)
{
    /// <summary>What the headline did instead where a component was missing or unsettled, and other caveats.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public int Draws { get; init; }
}
