using System.Globalization;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// Bueno de Mesquita's expected utility model (EUM) of group decision making, as reconstructed by Scholz, Calbert &amp;
/// Smith (2011): each round, the c·s-weighted median voter, every actor's probability of prevailing in a dyad from
/// third parties' votes, the expected utility of challenging (success, failure, status quo; Q and T), risk
/// attitudes from security levels (two passes), the dyad classification (confrontation, compromise,
/// compel/capitulate, stalemate), each actor's best offer, and simultaneous moves.
/// <para>
/// Sources: Bueno de Mesquita (1994) "Political forecasting: an expected utility method", ch. 4 in Bueno de Mesquita
/// &amp; Stokman (eds), European Community Decision Making, Yale UP; Bueno de Mesquita (1997) "A decision making model:
/// its structure and form", International Interactions 23(3–4):235–266; Bueno de Mesquita (1985) APSR 79(1):156–177
/// (risk); Scholz, Calbert &amp; Smith (2011) "Unravelling Bueno de Mesquita's group decision model", ICAART 2011,
/// pp. 18–30 (equation numbers in the code are theirs). The <c>reference</c> variant follows the jmckib/dmasad
/// implementation of Scholz's code that reproduces their tables; <c>paper</c> follows the printed equations
/// (see <see cref="EumVariant"/>, docs/eum.md and docs/decisions.md).
/// </para>
/// </summary>
public sealed class ExpectedUtilityModel : IssueModel
{
    public override ModelInfo Info { get; } = new(
        "eum",
        "Bueno de Mesquita's expected utility model: rounds of challenges, compromises and capitulations.",
        "Bueno de Mesquita (1994, 1997); Scholz, Calbert & Smith (2011) ICAART pp. 18-30",
        IsDynamic: true,
        Parameters: EumOptions.Parameters);

    public override IssueResult Run(IssueProblem problem, ModelSettings settings)
    {
        settings.RejectUnknown(Info);
        return Run(problem, EumOptions.From(settings), settings.Interventions);
    }

    /// <summary>Every selected issue, the token checked every round and inside each round's long loops.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public override ScenarioResult Run(Scenario scenario, ModelSettings settings, CancellationToken cancellationToken)
    {
        settings.RejectUnknown(Info);
        var options = EumOptions.From(settings);
        var results = new List<IssueResult>();
        foreach (var issue in SelectIssues(scenario, settings))
        {
            var result = Run(IssueProblem.From(scenario, issue), options, settings.Interventions, cancellationToken);
            results.Add(Indifference.NobodyCares(scenario, issue) ? Indifference.WithNote(result, NobodyCaresNote) : result);
        }
        return new ScenarioResult(Info.Name, results);
    }

    private static readonly string NobodyCaresNote = Indifference.Note(
        "no actor has weight to challenge another, so the positions stay as stated and the forecast summarises them, all weighted equally");

    public override void CheckSettings(ModelSettings settings)
    {
        settings.RejectUnknown(Info);
        EumOptions.From(settings);
    }

    /// <summary>One run with explicit options (any <see cref="EumVariant"/>, not only the two named ones).</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public EumResult Run(IssueProblem problem, EumOptions options, IReadOnlyList<Intervention>? interventions = null,
        CancellationToken cancellationToken = default)
    {
        var workspace = EumWorkspace.Rent();
        try
        {
            return Trace(workspace.Simulation, problem, options, interventions ?? [], cancellationToken);
        }
        finally
        {
            EumWorkspace.Return(workspace);
        }
    }

    private static EumResult Trace(EumSimulation sim, IssueProblem problem, EumOptions options,
        IReadOnlyList<Intervention> interventions, CancellationToken cancellationToken)
    {
        sim.Start(problem, options, cancellationToken);
        var notes = new List<string>();
        var rounds = new List<EumRound>();

        sim.Summarise();
        var kernel = sim.Kernel;
        rounds.Add(new EumRound(0, Positions(problem, sim), kernel.Median, kernel.Mean,
            new Dictionary<string, double>(), []));
        double previous = kernel.Median;
        int quiet = 0;
        bool notedDegenerate = false;
        bool stoppedStable = false;

        for (int t = 1; t <= options.Rounds; t++)
        {
            sim.ApplyInterventions(interventions, t, notes);
            var before = CapturePositions(sim, problem.Count);
            sim.Step();
            if (kernel.Degenerate && !notedDegenerate && kernel.Count > 1)
            {
                notes.Add($"round {t}: every actor holds one position (or the range is zero): nobody can move");
                notedDegenerate = true;
            }
            var risk = new Dictionary<string, double>();
            var moves = new List<EumMove>();
            for (int k = 0; k < kernel.Count; k++)
            {
                int i = sim.OriginalIndex(k);
                risk[problem.ActorKey(i)] = kernel.Risk[k];
                var kind = kernel.Moves[k];
                if (kind == MoveKind.None) continue;
                int j = sim.OriginalIndex(kernel.MovedWith[k]);
                moves.Add(Move(problem, i, j, kind, before[i], kernel.NewPositions[k]));
            }
            sim.Summarise();
            rounds.Add(new EumRound(t, Positions(problem, sim), kernel.Median, kernel.Mean, risk, moves));
            if (options.Stop == StopRule.MedianStable && IsQuiet(kernel.Median, ref previous, ref quiet, sim, options))
            {
                notes.Add($"stopped after round {t}: the median moved less than epsilon·R for {options.K} rounds");
                stoppedStable = true;
                break;
            }
        }

        foreach (var iv in interventions)
            if (iv.AtRound > rounds[^1].Round)
                notes.Add($"{iv} was not applied: the run ended at round {rounds[^1].Round}");

        var last = rounds[^1];
        var convergence = stoppedStable
            ? new Convergence(ConvergenceStatus.Converged, last.Round)
            : CycleDetection.Classify(rounds.Select(r => r.Positions).ToArray(),
                rounds.Select(r => options.Outcome == OutcomeRule.Mean ? r.Mean : r.Median).ToArray(),
                StateTolerance * Math.Max(sim.InitialRange, double.Epsilon),
                interventions.Where(iv => iv.AtRound <= last.Round).Select(iv => iv.AtRound).DefaultIfEmpty(0).Max());
        if (ConvergenceNote(convergence) is { } note) notes.Add(note);
        return new EumResult
        {
            Issue = problem.Issue.Id,
            Forecast = options.Outcome == OutcomeRule.Mean ? last.Mean : last.Median,
            Convergence = convergence,
            Variant = options.Variant.Name,
            Outcome = options.Outcome,
            Rounds = rounds,
            Notes = notes.Count == 0 ? null : notes,
        };
    }

    /// <summary>
    /// The forecast only: no trace is built and, once the pooled workspace has grown to the problem's size, nothing is
    /// allocated (the Monte Carlo hot loop).
    /// </summary>
    public override double Forecast(IssueProblem problem, ModelSettings settings)
    {
        var workspace = EumWorkspace.Rent();
        try
        {
            return Forecast(workspace.Simulation, problem, workspace.Options(settings), settings.Interventions);
        }
        finally
        {
            EumWorkspace.Return(workspace);
        }
    }

    private static double Forecast(EumSimulation sim, IssueProblem problem, EumOptions options,
        IReadOnlyList<Intervention> interventions)
    {
        sim.Start(problem, options);
        var kernel = sim.Kernel;
        double previous = 0;
        int quiet = 0;
        bool stable = options.Stop == StopRule.MedianStable;
        if (stable) { sim.Summarise(); previous = kernel.Median; }
        for (int t = 1; t <= options.Rounds; t++)
        {
            sim.ApplyInterventions(interventions, t, null);
            sim.Step();
            if (stable)
            {
                sim.Summarise();
                if (IsQuiet(kernel.Median, ref previous, ref quiet, sim, options)) break;
            }
        }
        sim.Summarise();
        return options.Outcome == OutcomeRule.Mean ? kernel.Mean : kernel.Median;
    }

    /// <summary>Positions within this share of the initial range R count as the same state when looking for a cycle.</summary>
    private const double StateTolerance = 1e-9;

    /// <summary>What the analyst must know when the run did not come to rest.</summary>
    private static string? ConvergenceNote(Convergence c) => c.Status switch
    {
        ConvergenceStatus.Cycled when c.Settled =>
            $"the positions cycle with period {c.Cycle!.Count} but the outcome stays at {Format(c.Cycle[0])} throughout: " +
            "the forecast does not depend on where the rounds stop",
        ConvergenceStatus.Cycled =>
            $"the positions cycle with period {c.Cycle!.Count}: the outcome alternates between {string.Join(", ", c.Cycle.Select(Format))}, " +
            $"so the forecast (round {c.Rounds}) depends on where the rounds stop",
        ConvergenceStatus.RoundCap => $"the positions were still moving after round {c.Rounds} (the last round run): not a resting point",
        _ => null,
    };

    /// <summary>Median-stable stopping: true once the median moved less than ε·R for k consecutive rounds.</summary>
    private static bool IsQuiet(double median, ref double previous, ref int quiet, EumSimulation sim, EumOptions options)
    {
        double threshold = options.Epsilon * sim.InitialRange;
        bool still = Math.Abs(median - previous) < threshold || median == previous;
        quiet = still ? quiet + 1 : 0;
        previous = median;
        return quiet >= options.K;
    }

    private static double[] CapturePositions(EumSimulation sim, int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = sim.Position(i);
        return x;
    }

    private static Dictionary<string, double> Positions(IssueProblem problem, EumSimulation sim)
    {
        var d = new Dictionary<string, double>();
        for (int i = 0; i < problem.Count; i++)
            if (sim.IsActive(i)) d[problem.ActorKey(i)] = sim.Position(i);
        return d;
    }

    private static EumMove Move(IssueProblem problem, int i, int j, MoveKind kind, double from, double to)
    {
        string me = problem.Actors[i].Name, other = problem.Actors[j].Name;
        string verb = kind switch
        {
            MoveKind.Compromise => $"{me} compromises with {other}",
            MoveKind.Confrontation => $"{me} loses confrontation to {other}",
            _ => $"{me} capitulates to {other}",
        };
        return new EumMove(problem.ActorKey(i), KindName(kind), problem.ActorKey(j), from, to, $"{verb} → {Format(to)}");
    }

    internal static string KindName(MoveKind kind) => kind switch
    {
        MoveKind.Compromise => "compromise",
        MoveKind.Confrontation => "confrontation",
        MoveKind.Capitulation => "capitulation",
        _ => "none",
    };

    internal static string Format(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
