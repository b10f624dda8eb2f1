using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.Exchange;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Models.Procedural;
using Parley.Core.Models.Spatial;

namespace Parley.Contracts.V1;

/// <summary>
/// Maps model results to the `run --json` document. Every field written is named here: a result record's property
/// can be renamed or added without changing the JSON until this mapper says so.
/// </summary>
public static class RunMapper
{
    /// <param name="headlines">The headline forecasts (docs/headline.md), written as each issue's <c>headline</c>.</param>
    public static RunDocument Map(Scenario scenario, IReadOnlyList<ScenarioResult> results, IReadOnlyList<HeadlineResult>? headlines = null) =>
        new(scenario.Id, WithHeadlines(scenario, Issues(scenario, results), headlines), Shared(results));

    /// <summary>The issues with their headline, where one was computed.</summary>
    internal static IReadOnlyList<IssueDto> WithHeadlines(Scenario scenario, IReadOnlyList<IssueDto> issues, IReadOnlyList<HeadlineResult>? headlines)
    {
        if (headlines is not { Count: > 0 }) return issues;
        return issues.Select(dto =>
        {
            var issue = scenario.Issue(new IssueId(dto.Id));
            return headlines.FirstOrDefault(h => h.Issue == issue.Id) is { } h
                ? dto with
                {
                    Headline = new HeadlineDto(h.Forecast, h.P10, h.P90, h.Method, issue.NearestAnchor(h.Forecast)?.Label, h.Draws,
                        h.Notes.Count > 0 ? h.Notes : null),
                }
                : dto;
        }).ToArray();
    }

    /// <summary>
    /// One <see cref="IssueDto"/> per issue that some result covers, in scenario order; <paramref name="extend"/> (given the
    /// result's index, the issue and the entry) lets `analyze` add its fields to each entry.
    /// </summary>
    internal static IReadOnlyList<IssueDto> Issues(Scenario scenario, IReadOnlyList<ScenarioResult> results,
        Func<int, Issue, ModelEntry, ModelEntry>? extend = null)
    {
        var issues = new List<IssueDto>();
        foreach (var issue in scenario.Issues)
        {
            var models = new Dictionary<string, ModelEntry>();
            for (int i = 0; i < results.Count; i++)
                if (results[i].For(issue.Id) is { } r)
                    models[results[i].Model] = extend is null ? Entry(issue, r) : extend(i, issue, Entry(issue, r));
            if (models.Count == 0) continue;
            issues.Add(new IssueDto(issue.Id.Value, issue.Title, new ScaleDto(issue.Scale.Min, issue.Scale.Max, issue.Scale.Unit),
                issue.StatusQuo, models));
        }
        return issues;
    }

    /// <summary>One model's entry on one issue.</summary>
    public static ModelEntry Entry(Issue issue, IssueResult result)
    {
        ModelEntry own = result switch
        {
            NashResult n => new NashEntry
            {
                Utility = n.Utility, Quadratic = n.Quadratic, Linear = n.Linear, StatusQuo = n.StatusQuo,
                FeasibleSet = n.FeasibleSet, Solution = n.Solution, Reversion = n.Reversion,
            },
            ConsensusResult c => new ConsensusEntry
            {
                Rule = c.Rule, Setter = c.Setter, SetterPosition = c.SetterPosition, StatusQuo = c.StatusQuo, WinSet = c.WinSet,
                Gridlock = c.Gridlock, PivotalActor = c.PivotalActor, PivotalBy = c.PivotalBy,
                Reversion = c.Reversion, OptedOut = c.OptedOut.Count > 0 ? c.OptedOut : null,
            },
            EumResult e => new EumEntry { Variant = e.Variant, Outcome = OutcomeName(e.Outcome), Rounds = e.Rounds.Select(Round).ToArray() },
            SmpIssueResult s => new SmpEntry
            {
                ModalClass = new SmpModalClassDto(s.ModalClass.Position, s.ModalClass.Probability, s.ModalClass.Actors),
            },
            ExchangeIssueResult x => new ExchangeEntry
            {
                Rounds = x.Rounds.Select(Round).ToArray(),
                Externalities = x.Externalities.Select(a =>
                    new ExternalityDto(a.Actor, a.Own, a.InnerPositive, a.InnerNegative, a.OuterPositive, a.OuterNegative, a.Net)).ToArray(),
                Trajectory = x.Trajectory.Select(p => new TrajectoryPointDto(p.Round, p.Positions, p.Outcome)).ToArray(),
            },
            _ when result.GetType() == typeof(IssueResult) => new ModelEntry(),
            _ => throw new NotSupportedException(
                $"{result.GetType().Name} has no JSON contract: add its entry to Parley.Contracts.V1 and map it here"),
        };
        return own with
        {
            Forecast = result.Forecast, NearestAnchor = issue.NearestAnchor(result.Forecast)?.Label,
            Convergence = result.Convergence is { } ended ? Convergence(ended) : null, Notes = result.Notes,
        };
    }

    /// <summary>The JSON form of how a run ended.</summary>
    public static ConvergenceDto Convergence(Convergence c) => new(
        c.Status switch
        {
            ConvergenceStatus.Converged => "converged",
            ConvergenceStatus.Cycled => "cycled",
            ConvergenceStatus.RoundCap => "round-cap",
            _ => "gridlock",
        },
        c.Rounds, c.Cycle, c.Settled);

    /// <summary>What multi-issue models computed once for the run: the SMP's history (every issue's result shares it).</summary>
    internal static SharedDto? Shared(IEnumerable<ScenarioResult> results) =>
        results.SelectMany(r => r.Issues).OfType<SmpIssueResult>().FirstOrDefault() is { } smp
            ? new SharedDto(new SmpHistoryDto(smp.Issues, smp.States.Select(State).ToArray(), smp.Bargains.Select(Bargains).ToArray()))
            : null;

    /// <summary>The contract's words for EUM's outcome rule, written out so that renaming the enum cannot change them.</summary>
    private static string OutcomeName(OutcomeRule rule) => rule switch
    {
        OutcomeRule.Mean => "mean",
        OutcomeRule.Median => "median",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "an outcome rule with no contract name"),
    };

    private static EumRoundDto Round(EumRound r) =>
        new(r.Round, r.Positions, r.Median, r.Mean, r.Risk,
            r.Moves.Select(m => new EumMoveDto(m.Actor, m.Kind, m.With, m.From, m.To, m.Text)).ToArray());

    private static ExchangeRoundDto Round(ExchangeRoundResult r) =>
        new(r.Round, r.PreferenceOutcome, r.VotingOutcome, r.Exchanges.Select(x =>
            new ExchangeDto(x.Order, x.ActorI, x.ActorJ, x.ISupplies, x.IFrom, x.ITo, x.JSupplies, x.JFrom, x.JTo, x.Gain)).ToArray());

    private static SmpStateDto State(SmpStateRecord s) => new(s.State, s.Positions.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()), s.Probabilities);

    private static SmpRoundBargainsDto Bargains(SmpRoundBargains b) =>
        new(b.Round, b.Proposals.Select(p => new SmpBargainDto(p.Initiator, p.Receiver, p.InitiatorPosition.ToArray(), p.ReceiverPosition.ToArray(),
            p.Gain, p.InitiatorQueueProbability, p.ChosenByInitiator, p.ReceiverQueueProbability, p.ChosenByReceiver)).ToArray());
}
