using System.Diagnostics;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Exchange;

namespace Parley.Analysis.Benchmarking;

/// <summary>One of the exchange model's speed targets: a scenario, the settings it runs with and the wall time to beat.</summary>
public sealed record ExchangeBenchCase(string Name, Scenario Scenario, ModelSettings Settings, TimeSpan Target)
{
    public int Actors => Scenario.Actors.Count;
    public int Issues => Scenario.Issues.Count;
}

/// <summary>One timed case: the exchanges of a run, the wall and CPU time of the fastest of <see cref="Runs"/> runs, the verdict.</summary>
public sealed record ExchangeBenchFigure(ExchangeBenchCase Case, int Exchanges, int Runs, TimeSpan Wall, TimeSpan Cpu, string? Error = null)
{
    /// <summary>Wall time over the target (below 1 = met).</summary>
    public double Ratio => Wall / Case.Target;

    public bool? Met => Error is null ? Wall < Case.Target : null;
}

/// <summary>
/// The exchange model's section of `parley bench`: its two speed targets, each timed as one
/// <c>new EqualGainExchangeModel().Run(scenario, settings)</c> (the default double arithmetic, 10 rounds, full results)
/// after a warm-up run: the bundled Hague scenario (33 actors × 4 issues) in under 20 ms, and a synthetic scenario of
/// 1,000 actors × 10 issues (<see cref="SyntheticScenario"/>, seed 1) in under 10 s.
/// </summary>
public static class ExchangeBench
{
    public static readonly TimeSpan HagueTarget = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan LargeTarget = TimeSpan.FromSeconds(10);
    public const int LargeActors = 1000, LargeIssues = 10;

    private static readonly ModelSettings TenRounds = ModelSettings.Default.With("rounds", "10");

    /// <summary>The cases: the Hague scenario when it could be read, then 1,000 × 10 (a note says when the Hague one is missing).</summary>
    public static IReadOnlyList<ExchangeBenchCase> Cases(Scenario? hague, ICollection<string> notes)
    {
        var cases = new List<ExchangeBenchCase>();
        if (hague is null) notes.Add("exchange: the Hague scenario could not be read, so its 20 ms target was not timed");
        else cases.Add(new ExchangeBenchCase("Hague 2025 scenario", hague, TenRounds, HagueTarget));
        cases.Add(new ExchangeBenchCase($"synthetic {LargeActors:N0} × {LargeIssues}",
            SyntheticScenario.Create(LargeActors, issues: LargeIssues), TenRounds, LargeTarget));
        return cases;
    }

    /// <summary>
    /// Times each case: a warm-up run on a small scenario (JIT), then runs of the case while another would still fit
    /// in <paramref name="budget"/> (at least one, at most <paramref name="maxRuns"/>); the fastest run's wall and CPU
    /// time (<see cref="Process.TotalProcessorTime"/> delta) are kept.
    /// </summary>
    public static IReadOnlyList<ExchangeBenchFigure> Run(IReadOnlyList<ExchangeBenchCase> cases, TimeSpan budget,
        Action<ExchangeBenchFigure>? onFigure = null, int maxRuns = 20)
    {
        var model = new EqualGainExchangeModel();
        var figures = new List<ExchangeBenchFigure>(cases.Count);
        if (cases.Count == 0) return figures;
        var warmUp = SyntheticScenario.Create(40, issues: 4);
        for (int i = 0; i < 3; i++) model.Run(warmUp, TenRounds);
        foreach (var c in cases)
        {
            var f = Measure(model, c, budget, maxRuns);
            figures.Add(f);
            onFigure?.Invoke(f);
        }
        return figures;
    }

    private static ExchangeBenchFigure Measure(EqualGainExchangeModel model, ExchangeBenchCase c, TimeSpan budget, int maxRuns)
    {
        try
        {
            var best = BestOfRuns.Measure(() => CountExchanges(model.Run(c.Scenario, c.Settings)), budget, maxRuns);
            return new ExchangeBenchFigure(c, best.Count, best.Runs, best.Wall, best.Cpu);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ModelSettingException or Parley.Core.ModelRefusedException)
        {
            return new ExchangeBenchFigure(c, 0, 0, TimeSpan.Zero, TimeSpan.Zero, e.Message);
        }
    }

    /// <summary>Executed exchanges over all rounds (each is listed under both issues it trades).</summary>
    public static int CountExchanges(ScenarioResult result) =>
        result.Issues.OfType<ExchangeIssueResult>().Sum(ir => ir.Rounds.Sum(r => r.Exchanges.Count)) / 2;
}
