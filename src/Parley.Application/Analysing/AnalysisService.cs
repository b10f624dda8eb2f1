using Parley.Analysis;
using Parley.Analysis.Batching;
using Parley.Analysis.MonteCarlo;
using Parley.Analysis.WhatIf;
using Parley.Application.Models;
using Parley.Application.Sizing;
using Parley.Core;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Application.Analysing;

/// <summary>An analysis with the notes about how it ran.</summary>
public sealed record AnalysisOutcome(AnalysisResult Result, IReadOnlyList<Note> Notes);

/// <summary>
/// The `analyze` and `report` use case: per chosen model (every model by default, as `run`), the point forecast, the
/// Monte Carlo distribution over the input ranges, the tornado, Sobol indices when asked, and the shocks; what-ifs are
/// applied first. A model that fails is reported in its own entry (<see cref="ModelAnalysis.Error"/>) without stopping
/// the others.
/// </summary>
public sealed class AnalysisService(ModelRegistry? registry = null)
{
    private readonly ModelRegistry _registry = registry ?? ModelRegistry.BuiltIn;

    /// <summary>The models an analysis runs when none is named: every model, as `run` (the bundled scenario's seven in seconds).</summary>
    public IReadOnlyList<string> DefaultModels => _registry.Names;

    /// <param name="executor">Where the draws, tornado inputs and Sobol rows run (null = this process); results do not depend on it.</param>
    public AnalysisOutcome Run(Scenario scenario, AnalysisRequest request, IProgress<AnalysisProgress>? progress = null,
        CancellationToken cancellation = default, IWorkExecutor? executor = null)
    {
        var original = scenario;
        (scenario, var basisNotes) = CapabilityBasisPlanner.Apply(scenario, request.Models);
        var (plan, whatIfs, options) = Prepare(scenario, request);
        if (progress is not null)
        {
            long total = ScenarioAnalysis.PlannedRuns(scenario, plan.Models.Select(m => m.Model).ToArray(), options, whatIfs, plan.SettingsFor);
            long done = 0;
            progress.Report(new AnalysisProgress(0, total, "model runs"));
            options = options with
            {
                MonteCarlo = options.MonteCarlo with
                {
                    Progress = n => progress.Report(new AnalysisProgress(Interlocked.Add(ref done, n), total, "model runs")),
                },
            };
        }
        options = options with { MonteCarlo = options.MonteCarlo with { Cancellation = cancellation }, Executor = executor ?? options.Executor };
        var result = ScenarioAnalysis.Run(scenario, plan.Models.Select(m => m.Model).ToArray(), options, whatIfs, plan.SettingsFor);
        var (headlines, headlineNotes) = new Headline.HeadlineService().WithInputRanges(
            Headline.HeadlineService.WithWhatIfs(original, whatIfs),
            request.Draws, options.MonteCarlo.Seed, plan.Requested.Issues, cancellation);
        return new AnalysisOutcome(result with { Headlines = headlines },
            [.. plan.Notes, .. basisNotes, .. headlineNotes, .. Headline.BandChecks.OutsideOwnBand(result), .. Headline.BandChecks.Unsettled(result)]);
    }

    /// <summary>
    /// How many models the request analyses and how many model runs that takes (the unit of its progress: a whole-scenario
    /// run of a multi-issue model, one issue's forecast by a one-dimensional model), for saying so before it starts.
    /// </summary>
    public (int Models, long Runs) Planned(Scenario scenario, AnalysisRequest request)
    {
        (scenario, _) = CapabilityBasisPlanner.Apply(scenario, request.Models);
        var (plan, whatIfs, options) = Prepare(scenario, request);
        var models = plan.Models.Select(m => m.Model).ToArray();
        return (models.Length, ScenarioAnalysis.PlannedRuns(scenario, models, options, whatIfs, plan.SettingsFor));
    }

    /// <summary>The request checked and resolved: models with their settings, the what-ifs, the analysis options.</summary>
    public (ModelPlan Plan, IReadOnlyList<Intervention> WhatIfs, AnalysisOptions Options) Prepare(Scenario scenario, AnalysisRequest request)
    {
        if (request.Draws < 1) throw new InvalidRequestException("draws", $"{request.Draws} must be at least 1");
        if (request.Draws > request.MaxDraws)
            throw new InvalidRequestException("draws", $"{request.Draws:N0} is more than the limit of {request.MaxDraws:N0} draws{RaiseLimit}");
        if (request.Threads < 0) throw new InvalidRequestException("threads", $"{request.Threads} must be at least 1 (or 0 for every core)");
        if (request.SobolSamples is < 0 or 1) throw new InvalidRequestException("sobol", $"{request.SobolSamples} must be 0 (off) or at least 2");
        if (request.TornadoTop is < 1)
            throw new InvalidRequestException("tornado-top", $"{request.TornadoTop} must be at least 1 (--no-tornado leaves the tornado out)");
        if (request.TornadoTop is not null && !request.Tornado)
            throw new InvalidRequestException("tornado-top", "cannot be combined with --no-tornado");
        int maxRows = Math.Min(request.MaxDraws, request.MaxSobolRows);
        if (request.SobolSamples > maxRows)
            throw new InvalidRequestException("sobol", $"{request.SobolSamples:N0} is more than the limit of {maxRows:N0} rows{RaiseLimit}");
        var plan = ModelPlanner.Plan(_registry, scenario, request.Models, DefaultModels);
        var whatIfs = WhatIfs(scenario, request);
        var options = new AnalysisOptions
        {
            MonteCarlo = new MonteCarloOptions { Draws = request.Draws, Threads = request.Threads, Seed = plan.Requested.Seed },
            SobolSamples = request.SobolSamples,
            Tornado = request.Tornado,
            TornadoTop = request.TornadoTop ?? 0,
        };
        if (request.Models.SizeCheck) SizeEstimator.ForAnalysis(scenario, plan, whatIfs, options).ThrowIfCannotFit();
        return (plan, whatIfs, options);
    }

    private const string RaiseLimit = " (--max-draws N raises the limit; docs/cli.md, \"Limits\")";

    /// <summary>
    /// What the request will cost, model by model (<see cref="SizeEstimate"/>), for warning before it starts; throws as
    /// <see cref="Prepare"/> does on a request that cannot run (one certain not to fit in memory included).
    /// </summary>
    public SizeEstimate Estimate(Scenario scenario, AnalysisRequest request)
    {
        (scenario, _) = CapabilityBasisPlanner.Apply(scenario, request.Models);
        var (plan, whatIfs, options) = Prepare(scenario, request);
        return SizeEstimator.ForAnalysis(scenario, plan, whatIfs, options);
    }

    /// <summary>The request's what-ifs, checked against the scenario.</summary>
    public static IReadOnlyList<Intervention> WhatIfs(Scenario scenario, AnalysisRequest request)
    {
        var list = new List<Intervention>();
        foreach (var a in request.Without) list.Add(Analysis.WhatIf.WhatIfs.Without(scenario, a));
        foreach (var s in request.Set) list.Add(SetBounds.Check(Analysis.WhatIf.WhatIfs.ParseSet(scenario, s), s));
        foreach (var id in request.Shocks) list.AddRange(Analysis.WhatIf.WhatIfs.FindShock(scenario, id).Interventions);
        return list;
    }
}
