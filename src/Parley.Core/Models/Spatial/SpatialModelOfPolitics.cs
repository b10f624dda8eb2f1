using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Core.Models.Spatial;

/// <summary>
/// KTAB's Spatial Model of Politics (SMP): actors with capability, multi-dimensional positions and saliences bargain
/// in rounds. Each actor infers risk attitudes from a probabilistic Condorcet election over all positions, picks
/// the challenge with the best expected gain (third parties joining the little contests), proposes a compromise
/// interpolated by salience and win probability, and each actor picks from its queue of proposals by another
/// election; ideals follow positions (or an accommodation matrix) until positions settle.
/// Sources: B. P. Wise, S. Lester et al., KAPSARC Toolkit for Behavioral Analysis (KTAB), the SMP
/// (KAPSARC, 2015–2019, MIT; github.com/KAPSARC/KTAB, commit c57b72a; the § numbers in the code are the sections of
/// docs/specs/smp.md, Parley's restatement of it), reproduced bit for bit (tests/Parley.Core.Tests/Models/Spatial).
/// Mapping of Parley scenarios to SMP dimensions: docs/decisions.md, SMP section.
/// </summary>
public sealed class SpatialModelOfPolitics : IModel
{
    public ModelInfo Info { get; } = new(
        "smp",
        "KTAB's spatial model of politics: multi-issue challenges, bargains and probabilistic Condorcet elections, round by round.",
        "Wise, Lester et al., KAPSARC Toolkit for Behavioral Analysis (KTAB), Spatial Model of Politics (KAPSARC, 2015–2019)",
        IsDynamic: true,
        IsMultiIssue: true,
        Parameters: SmpOptions.Parameters) { UsesIdealAdjustment = true };

    public void CheckSettings(ModelSettings settings)
    {
        settings.RejectUnknown(Info);
        SmpOptions.From(settings);
    }

    public ScenarioResult Run(Scenario scenario, ModelSettings settings) => Run(scenario, settings, CancellationToken.None);

    /// <summary>A run over every selected issue at once, the token checked every round and inside each round's work.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public ScenarioResult Run(Scenario scenario, ModelSettings settings, CancellationToken cancellationToken)
    {
        settings.RejectUnknown(Info);
        var options = SmpOptions.From(settings);
        if (!IssueModel.SelectIssues(scenario, settings).Any()) throw new ModelSettingException("model 'smp': no issue selected");
        var issues = scenario.Issues.ToArray(); // bargains span every issue; --issue only chooses what is shown
        if (issues.All(i => Indifference.NobodyCares(scenario, i)))
            throw new ModelRefusedException(Info.Name, $"every salience on issue '{issues[0].Id}'" + (issues.Length > 1 ? " and on every other issue" : "") +
                " is 0: nobody cares about it, so there is nothing to bargain over", issues[0].Id.Value) { Scenario = scenario.Id };
        var mapped = SmpScenarioMapping.Map(scenario, issues);
        var notes = mapped.Notes.ToList();
        if (settings.Interventions.Count > 0)
            notes.Add("the SMP does not apply interventions after round 0; they were ignored");
        var run = new SmpEngine(mapped.Problem, options, cancellationToken).Run();
        var results = BuildResults(run, issues, notes).Select((r, k) => Indifference.NobodyCares(scenario, issues[k])
            ? Indifference.WithNote(r, Indifference.Note("nobody bargains over it; its forecast only follows the bargains struck over the other issues"))
            : r).ToArray();
        return new ScenarioResult(Info.Name, IssueModel.Shown(results, settings));
    }

    /// <summary>Turns a run into one result per issue (positions back on each issue's own scale).</summary>
    internal static IReadOnlyList<IssueResult> BuildResults(SmpRun run, IReadOnlyList<Issue> issues, IReadOnlyList<string> notes)
    {
        var p = run.Problem;
        int n = p.ActorCount, m = p.DimensionCount;
        var ids = p.ActorIds;
        var states = new List<SmpStateRecord>(run.States.Count);
        foreach (var (a, t) in run.States.Select((a, t) => (a, t)))
        {
            var pos = new Dictionary<string, IReadOnlyList<double>>(n);
            var prob = new Dictionary<string, double>(n);
            for (int i = 0; i < n; i++)
            {
                var v = new double[m];
                for (int k = 0; k < m; k++) v[k] = issues[k].Scale.FromUnit(a.State.Positions[i * m + k]);
                pos[ids[i]] = v;
                prob[ids[i]] = a.ActorProbabilities[i];
            }
            states.Add(new SmpStateRecord(t, pos, prob));
        }
        var bargains = run.Rounds.Select(r => new SmpRoundBargains(r.Turn + 1, r.Bargains.Select(b => new SmpBargainRecord(
            ids[b.Initiator], ids[b.Receiver],
            b.InitiatorPosition.Select((x, k) => issues[k].Scale.FromUnit(x)).ToArray(),
            b.ReceiverPosition.Select((x, k) => issues[k].Scale.FromUnit(x)).ToArray(),
            b.Gain, b.InitiatorQueueProbability, b.ChosenByInitiator, b.ReceiverQueueProbability, b.ChosenByReceiver)).ToArray())).ToArray();

        var last = run.States[^1];
        int modal = 0;
        for (int c = 1; c < last.ClassProbabilities.Length; c++)
            if (last.ClassProbabilities[c] > last.ClassProbabilities[modal]) modal = c;
        int rep = last.ClassRepresentatives[modal];
        var modalActors = Enumerable.Range(0, n).Where(i => last.ActorClass[i] == modal).Select(i => ids[i]).ToArray();
        var issueNames = issues.Select(i => i.Id.Value).ToArray();

        var convergence = new Convergence(run.Settled ? ConvergenceStatus.Converged : ConvergenceStatus.RoundCap, run.Rounds.Count);
        var issueNotes = run.Settled ? notes : [.. notes,
            $"the run stopped at its round cap (max-rounds {run.Options.MaxRounds}) while positions were still moving: not a resting point"];
        var results = new List<IssueResult>(m);
        for (int k = 0; k < m; k++)
        {
            var issue = issues[k];
            var trajectory = run.States.Select((a, t) =>
            {
                var d = new Dictionary<string, double>(n);
                for (int i = 0; i < n; i++) d[ids[i]] = issue.Scale.FromUnit(a.State.Positions[i * m + k]);
                return new TrajectoryPoint(t, d, issue.Scale.FromUnit(WeightedMean(p, a.State, k)));
            }).ToArray();
            results.Add(new SmpIssueResult
            {
                Issue = issue.Id,
                Forecast = issue.Scale.FromUnit(WeightedMean(p, last.State, k)),
                ModalClass = new SmpModalClass(issue.Scale.FromUnit(last.State.Positions[rep * m + k]),
                    last.ClassProbabilities[modal], modalActors),
                States = states,
                Bargains = bargains,
                Issues = issueNames,
                Trajectory = trajectory,
                Convergence = convergence,
                Notes = issueNotes.Count > 0 ? issueNotes : null,
            });
        }
        return results;
    }

    /// <summary>Capability-weighted mean position on dimension k (0–1), summed in actor order.</summary>
    internal static double WeightedMean(SmpProblem p, SmpState s, int k)
    {
        double sw = 0, swx = 0;
        int m = p.DimensionCount;
        for (int i = 0; i < p.ActorCount; i++)
        {
            sw += p.Capabilities[i];
            swx += p.Capabilities[i] * s.Positions[i * m + k];
        }
        return swx / sw;
    }
}
