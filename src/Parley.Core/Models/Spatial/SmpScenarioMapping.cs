using Parley.Core.Domain;

namespace Parley.Core.Models.Spatial;

/// <summary>
/// Maps a Parley scenario to SMP inputs (docs/decisions.md, SMP section): one dimension per selected issue, in
/// scenario order; positions normalised to 0–1 by each issue's scale; capabilities as they are; saliences per
/// actor divided by max(1, Σ_k s_ik), so KTAB's constraint Σ_k s_ik ≤ 1 holds and inputs that already meet it
/// (e.g. KTAB files read by Parley) are used unchanged; the scenario's ideal_adjustment gives the accommodation matrix.
/// </summary>
public static class SmpScenarioMapping
{
    public sealed record Mapped(SmpProblem Problem, IReadOnlyList<string> Notes);

    public static Mapped Map(Scenario scenario, IReadOnlyList<Issue> issues)
    {
        int m = issues.Count;
        var notes = new List<string>();
        var scaled = new List<string>();
        var ids = new List<string>();
        var caps = new List<double>();
        var pos = new List<double>();
        var sal = new List<double>();
        foreach (var actor in scenario.Actors)
        {
            var stances = issues.Select(i => scenario.StanceOf(actor.Id, i.Id)).ToArray();
            if (stances.All(s => s is null)) continue;
            double total = stances.Sum(s => s?.Salience ?? 0);
            if (!(total > 0))
            {
                notes.Add($"{actor.Id} left out: salience 0 on every issue run (the SMP's distances need a salience)");
                continue;
            }
            double scale = Math.Max(1.0, total);
            ids.Add(actor.Id.Value);
            caps.Add(actor.Capability);
            for (int k = 0; k < m; k++)
            {
                var issue = issues[k];
                if (stances[k] is { } s)
                {
                    pos.Add(issue.Scale.ToUnit(s.Position));
                    sal.Add(scale == 1.0 ? s.Salience : s.Salience / scale);
                }
                else
                {
                    double x = issue.StatusQuo ?? (issue.Scale.Min + issue.Scale.Max) / 2;
                    notes.Add($"{actor.Id} has no stance on {issue.Id}: placed at {(issue.StatusQuo is null ? "the scale's midpoint" : "the status quo")} ({x}) with salience 0");
                    pos.Add(issue.Scale.ToUnit(x));
                    sal.Add(0);
                }
            }
            if (scale > 1.0) scaled.Add($"{actor.Id} ({total:0.###})");
        }
        if (scaled.Count > 0)
            notes.Add($"saliences divided by the actor's total over the issues run where it exceeds 1 (the SMP needs at most 1): {string.Join(", ", scaled)}");
        if (ids.Count < 2)
            throw new ModelRefusedException("smp",
                $"the SMP needs at least two actors with a position and a salience above 0 on the issues (found {ids.Count})",
                issue: string.Join(", ", issues.Select(i => i.Id.Value))) { Scenario = scenario.Id };
        var accommodation = Accommodation(scenario, ids, notes);
        var problem = new SmpProblem(ids, issues.Select(i => i.Id.Value).ToArray(), caps.ToArray(), pos.ToArray(), sal.ToArray(),
            accommodation);
        return new Mapped(problem, notes);
    }

    /// <summary>
    /// The ideal-accommodation matrix <c>[i·N + j]</c> over the actors run, in <paramref name="ids"/>' order (KTAB's A:
    /// the identity with the scenario's <see cref="Scenario.IdealAdjustments"/> written over it), or null when it is
    /// the identity. Entries by or toward an actor left out of the run are dropped; an actor that followed one left out
    /// is named in the notes (its ideal then keeps that share of its previous ideal instead).
    /// </summary>
    public static double[]? Accommodation(Scenario scenario, IReadOnlyList<string> ids, List<string> notes)
    {
        if (scenario.IdealAdjustments.Count == 0) return null;
        int n = ids.Count;
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (int i = 0; i < n; i++) index[ids[i]] = i;
        var a = new double[n * n];
        for (int i = 0; i < n; i++) a[i * n + i] = 1.0;
        foreach (var e in scenario.IdealAdjustments)
        {
            bool hasActor = index.TryGetValue(e.Actor.Value, out var i);
            bool hasFollowed = index.TryGetValue(e.Follows.Value, out var j);
            if (hasActor && hasFollowed) a[i * n + j] = e.Weight;
            else if (hasActor && e.Weight != 0)
                notes.Add($"{e.Actor}'s ideal follows {e.Follows} (weight {e.Weight}), who is left out of the run: that part of its ideal_adjustment is dropped");
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (a[i * n + j] != (i == j ? 1.0 : 0.0)) return a;
        return null;
    }
}
