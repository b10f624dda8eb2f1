using Parley.Core.Models.ExpectedUtility;

namespace Parley.Contracts.V1;

/// <summary>Maps the expected utility model's perception views to the `explain --json` document.</summary>
public static class ExplainMapper
{
    public static ExplainDocument Map(string scenario, string model, IEnumerable<PerceptionView> views) =>
        new(scenario, model, views.Select(v => new PerceptionDto(v.Actor, v.ActorName, v.Issue, v.Variant, v.Round, v.Position,
            v.Risk, v.Median, v.Rows.Select(Row).ToArray())).ToArray());

    private static PerceptionRowDto Row(PerceptionRow r) =>
        new(r.Other, r.OtherName, r.OtherPosition, r.Probability, r.EuSelf, r.EuOther, QuadrantName(r.Quadrant), r.Mover,
            r.ImpliedPosition, r.Text);

    /// <summary>The contract's quadrant names (fixed here, whatever the enum's members are called).</summary>
    public static string QuadrantName(Quadrant q) => q switch
    {
        Quadrant.SamePosition => "same-position",
        Quadrant.ConfrontationWin => "confrontation-win",
        Quadrant.ConfrontationLose => "confrontation-lose",
        Quadrant.CompromiseWin => "compromise-win",
        Quadrant.CompromiseLose => "compromise-lose",
        Quadrant.CompelWin => "compel-win",
        Quadrant.CompelLose => "compel-lose",
        Quadrant.Stalemate => "stalemate",
        Quadrant.Indifferent => "indifferent",
        _ => throw new NotSupportedException($"quadrant {q} has no JSON name"),
    };
}
