using System.Globalization;
using Parley.Core.Domain;

namespace Parley.Analysis.WhatIf;

/// <summary>A what-if or shock could not be understood; the message names the offending part and what is allowed.</summary>
public sealed class WhatIfException(string message) : Core.ParleyException(message)
{
    public override Core.ParleyErrorKind Kind => Core.ParleyErrorKind.InvalidRequest;
}

/// <summary>
/// Reads what-ifs from the command line into <see cref="Intervention"/>s, checked against the scenario:
/// <c>--without ACTOR</c>, <c>--set ACTOR.ISSUE.position=V</c>, <c>--set ACTOR.ISSUE.salience=V</c>,
/// <c>--set ACTOR.capability=V</c>, each optionally at a later round with <c>@K</c> after the field
/// (<c>--set usa.spending.salience@3=0.3</c>), and <c>--shock ID</c> for a shock the scenario declares.
/// Ids match exactly, else ignoring case.
/// </summary>
public static class WhatIfs
{
    public static Intervention Without(Scenario scenario, string actor, int atRound = 0) =>
        new(atRound, FindActor(scenario, actor, $"--without {actor}"), InterventionKind.Remove);

    public static Intervention ParseSet(Scenario scenario, string text)
    {
        string where = $"--set '{text}'";
        int eq = text.IndexOf('=');
        if (eq < 0)
            throw new WhatIfException($"{where}: expected KEY=VALUE (e.g. usa.spending.salience=0.3 or usa.capability=2)");
        var key = text[..eq].Trim();
        var valueText = text[(eq + 1)..].Trim();
        int round = 0;
        int at = key.IndexOf('@');
        if (at >= 0)
        {
            var r = key[(at + 1)..];
            if (!int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out round) || round < 0)
                throw new WhatIfException($"{where}: round '{r}' is not a whole number >= 0");
            key = key[..at];
        }
        if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new WhatIfException($"{where}: value '{valueText}' is not a finite number");

        var parts = key.Split('.');
        var actor = FindActor(scenario, parts[0], where);
        switch (parts.Length)
        {
            case 2 when Is(parts[1], "capability"):
                if (value <= 0) throw new WhatIfException($"{where}: capability must be > 0 (got {Num(value)})");
                return new Intervention(round, actor, InterventionKind.SetCapability, null, value);
            case 2:
                throw new WhatIfException($"{where}: unknown field '{parts[1]}' (allowed: ACTOR.capability, ACTOR.ISSUE.position, ACTOR.ISSUE.salience)");
            case 3:
                var issue = FindIssue(scenario, parts[1], where);
                if (scenario.StanceOf(actor, issue) is null)
                    throw new WhatIfException($"{where}: actor '{actor}' has no stance on issue '{issue}'");
                if (Is(parts[2], "salience"))
                {
                    if (value < 0 || value > 1) throw new WhatIfException($"{where}: salience must lie in 0..1 (got {Num(value)})");
                    return new Intervention(round, actor, InterventionKind.SetSalience, issue, value);
                }
                if (Is(parts[2], "position"))
                {
                    var scale = scenario.Issue(issue).Scale;
                    if (!scale.Contains(value))
                        throw new WhatIfException($"{where}: position must lie on the scale {Num(scale.Min)}..{Num(scale.Max)} (got {Num(value)})");
                    return new Intervention(round, actor, InterventionKind.SetPosition, issue, value);
                }
                throw new WhatIfException($"{where}: unknown field '{parts[2]}' (allowed: position, salience)");
            default:
                throw new WhatIfException($"{where}: expected ACTOR.capability or ACTOR.ISSUE.position|salience before '='");
        }
    }

    public static Shock FindShock(Scenario scenario, string id)
    {
        var shock = scenario.Shocks.FirstOrDefault(s => s.Id == id)
                    ?? scenario.Shocks.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));
        return shock ?? throw new WhatIfException(scenario.Shocks.Count == 0
            ? $"--shock {id}: the scenario declares no shocks"
            : $"--shock {id}: unknown shock (the scenario declares: {string.Join(", ", scenario.Shocks.Select(s => s.Id))})");
    }

    private static ActorId FindActor(Scenario scenario, string text, string where)
    {
        var a = scenario.Actors.FirstOrDefault(x => x.Id.Value == text)
                ?? scenario.Actors.FirstOrDefault(x => string.Equals(x.Id.Value, text, StringComparison.OrdinalIgnoreCase));
        return a?.Id ?? throw new WhatIfException(
            $"{where}: unknown actor '{text}' (actors: {Abbreviate(scenario.Actors.Select(x => x.Id.Value))})");
    }

    private static IssueId FindIssue(Scenario scenario, string text, string where)
    {
        var i = scenario.Issues.FirstOrDefault(x => x.Id.Value == text)
                ?? scenario.Issues.FirstOrDefault(x => string.Equals(x.Id.Value, text, StringComparison.OrdinalIgnoreCase));
        return i?.Id ?? throw new WhatIfException(
            $"{where}: unknown issue '{text}' (issues: {Abbreviate(scenario.Issues.Select(x => x.Id.Value))})");
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Abbreviate(IEnumerable<string> ids)
    {
        var list = ids.ToList();
        return list.Count <= 12 ? string.Join(", ", list) : string.Join(", ", list.Take(12)) + $", … ({list.Count} in all)";
    }
}
