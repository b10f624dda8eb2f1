using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Analysis;
using Parley.Analysis.MonteCarlo;
using Parley.Analysis.WhatIf;
using Parley.Application;
using Parley.Application.Analysing;
using Parley.Application.Documents;
using Parley.Application.Forecasting;
using Parley.Core.Domain;
using Parley.Reports.Html;
using Parley.Storage;
using Parley.Web.Hosting;
using Parley.Web.Jobs;
using Parley.Web.Scenarios;

namespace Parley.Web.Runs;

/// <summary>
/// Forecasts (run at once) and analyses (queued as jobs) of stored scenario versions. Each run is stored with its
/// version, request, Parley's version and, once finished, the result document (<see cref="RunDocuments"/>, the same
/// document as `parley run --json` / `parley analyze --json`), the HTML report and the charts.
/// </summary>
public sealed class RunService(ParleyStore store, ScenarioService scenarios, ForecastService forecasts, AnalysisService analyses,
    IAnalysisRunner runner, ServerOptions options, IAnalysisBackend backend)
{
    /// <summary>Parley's version as stored with every run.</summary>
    public static string ParleyVersion { get; } =
        typeof(ForecastService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ForecastService).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Runs every chosen model now and stores the forecast.</summary>
    public async Task<RunRecord> Forecast(long scenarioId, RunRequest request, string author, long? rerunOf = null, CancellationToken ct = default)
    {
        var version = await store.GetVersion(scenarioId, request.Version, ct);
        request = request with { Version = version.Number };
        var scenario = scenarios.ScenarioOf(version);
        var whatIfs = AnalysisService.WhatIfs(scenario, request.AnalysisRequest(options.MaxDrawsPerJob, 1));
        if (request.BaseRun is { } b) await CheckBase(b, version, ct);
        var forecast = await Task.Run(() => forecasts.Run(scenario, request.ModelRequest(), whatIfs, ct), ct);
        var result = AsAnalysis(forecast, whatIfs);
        var run = new RunRecord
        {
            VersionId = version.Id, Kind = RunKinds.Forecast, Status = RunStatuses.Succeeded, RequestJson = JsonSerializer.Serialize(request, Json),
            ParleyVersion = ParleyVersion, Author = author, Label = request.Label ?? request.DefaultLabel(), BaseRunId = request.BaseRun, RerunOf = rerunOf,
            StartedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow, ProgressDone = 1, ProgressTotal = 1,
            ResultJson = RunDocuments.Forecast(forecast, whatIfs),
            ReportHtml = Report(result), ChartsJson = JsonSerializer.Serialize(RunCharts.Build(result), Json),
        };
        return await store.AddRun(run, ct);
    }

    /// <summary>Checks the request (so a bad one is refused now, not in the job) and queues the analysis.</summary>
    public async Task<RunRecord> StartAnalysis(long scenarioId, RunRequest request, string author, long? rerunOf = null, CancellationToken ct = default)
    {
        var version = await store.GetVersion(scenarioId, request.Version, ct);
        request = request with { Version = version.Number };
        var scenario = scenarios.ScenarioOf(version);
        analyses.Prepare(scenario, request.AnalysisRequest(options.MaxDrawsPerJob, options.EffectiveThreads));
        if (request.BaseRun is { } b) await CheckBase(b, version, ct);
        runner.EnsureRoom();
        var run = await store.AddRun(new RunRecord
        {
            VersionId = version.Id, Kind = RunKinds.Analysis, Status = RunStatuses.Queued, RequestJson = JsonSerializer.Serialize(request, Json),
            ParleyVersion = ParleyVersion, Author = author, Label = request.Label ?? request.DefaultLabel(), BaseRunId = request.BaseRun, RerunOf = rerunOf,
        }, ct);
        await runner.Enqueue(run.Id, ct);
        return run;
    }

    /// <summary>Runs a stored request again as a new run (an interrupted or failed job, or any run).</summary>
    public async Task<RunRecord> Rerun(long runId, string author, CancellationToken ct = default)
    {
        var old = await store.GetRun(runId, ct);
        var request = JsonSerializer.Deserialize<RunRequest>(old.RequestJson, Json)!;
        return old.Kind == RunKinds.Forecast
            ? await Forecast(old.Version!.ScenarioId, request, author, runId, ct)
            : await StartAnalysis(old.Version!.ScenarioId, request, author, runId, ct);
    }

    /// <summary>Cancels a queued or running analysis (false when it had already finished).</summary>
    public async Task<bool> Cancel(long runId, CancellationToken ct = default)
    {
        var run = await store.GetRun(runId, ct);
        if (RunStatuses.IsFinished(run.Status)) return false;
        if (runner.Cancel(runId)) return true;
        // queued (not picked up yet) or left over: finish it here
        return await store.Finish(runId, RunStatuses.Cancelled, null, null, null, ErrorJson(new ParleyError(null, "cancelled", [], true)), ct);
    }

    /// <summary>The job itself (called by the runner): the analysis of the stored request, then its documents.</summary>
    public async Task Execute(long runId, IProgress<AnalysisProgress> progress, CancellationToken ct)
    {
        var run = await store.GetRun(runId, ct);
        var request = JsonSerializer.Deserialize<RunRequest>(run.RequestJson, Json)!;
        var scenario = scenarios.ScenarioOf(run.Version!);
        var outcome = await backend.Run(scenario, request.AnalysisRequest(options.MaxDrawsPerJob, options.EffectiveThreads), progress, ct);
        var result = outcome.Result;
        await store.Finish(runId, RunStatuses.Succeeded, RunDocuments.Analysis(result), Report(result),
            JsonSerializer.Serialize(RunCharts.Build(result), Json), null, CancellationToken.None);
    }

    public static string ErrorJson(ParleyError error) => JsonSerializer.Serialize(new
    {
        kind = ErrorMapping.KindName(error),
        message = error.Message,
        diagnostics = error.Diagnostics,
    }, Json);

    /// <summary>The HTML report (the same as `parley report`) of a finished run.</summary>
    private static string Report(AnalysisResult result) =>
        HtmlReport.Render(result, new ReportOptions { GeneratedAt = DateTimeOffset.UtcNow, Generator = $"Parley {ParleyVersion} (parley serve)" });

    /// <summary>A forecast in the shape the report and the charts take: point results and headlines only, no draws.</summary>
    private static AnalysisResult AsAnalysis(Forecast forecast, IReadOnlyList<Intervention> whatIfs)
    {
        var applied = whatIfs.Count == 0 ? forecast.Scenario : ShockPlan.ApplyFixed(forecast.Scenario, whatIfs.Where(w => w.AtRound <= 0).ToArray());
        var models = forecast.Runs.Select(r => new ModelAnalysis(r.Model, r.Result, null, [], [], [])).ToArray();
        return new AnalysisResult(forecast.Scenario, applied, whatIfs, new AnalysisOptions { MonteCarlo = new MonteCarloOptions { Draws = 0 }, Tornado = false }, models)
        {
            Headlines = forecast.Headlines,
        };
    }

    private async Task CheckBase(long baseRun, ScenarioVersionRecord version, CancellationToken ct)
    {
        var b = await store.GetRun(baseRun, ct);
        if (b.Version!.ScenarioId != version.ScenarioId)
            throw new Core.InvalidRequestException("base_run", $"run {baseRun} is of another scenario");
    }

    /// <summary>
    /// Per issue and model: the forecast of run A, of run B, and B − A; and per issue the two runs' Parley forecasts
    /// (the documents' "headline") with their 80 % intervals.
    /// </summary>
    public static Comparison Compare(RunRecord a, RunRecord b)
    {
        var da = JsonNode.Parse(a.ResultJson ?? "{}")?.AsObject() ?? [];
        var db = JsonNode.Parse(b.ResultJson ?? "{}")?.AsObject() ?? [];
        var rows = new List<ComparisonRow>();
        var headlines = new List<HeadlineComparisonRow>();
        var issuesB = (db["issues"]?.AsArray() ?? []).OfType<JsonObject>().ToDictionary(i => (string)i["id"]!, i => i);
        foreach (var ia in (da["issues"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            var id = (string)ia["id"]!;
            issuesB.TryGetValue(id, out var ib);
            if (HeadlineOf(ia) is var ha && HeadlineOf(ib) is var hb && (ha is not null || hb is not null))
                headlines.Add(new HeadlineComparisonRow(id, (string?)ia["title"] ?? id, ha, hb,
                    ha is not null && hb is not null ? hb.Forecast - ha.Forecast : null));
            var modelsA = ia["models"]?.AsObject() ?? [];
            var modelsB = ib?["models"]?.AsObject() ?? [];
            foreach (var name in modelsA.Select(m => m.Key).Concat(modelsB.Select(m => m.Key)).Distinct())
            {
                double? fa = Number(modelsA[name]?["forecast"]), fb = Number(modelsB[name]?["forecast"]);
                rows.Add(new ComparisonRow(id, (string?)ia["title"] ?? id, name, fa, fb, fa is { } x && fb is { } y ? y - x : null,
                    (string?)modelsA[name]?["nearest_anchor"], (string?)modelsB[name]?["nearest_anchor"]));
            }
        }
        return new Comparison(a.Id, b.Id, rows) { Headlines = headlines };
    }

    /// <summary>An issue's "headline" in a run document (null when the run has none: stored before headlines existed).</summary>
    private static HeadlineSummary? HeadlineOf(JsonObject? issue) =>
        issue?["headline"] is JsonObject h && Number(h["forecast"]) is { } f
            ? new HeadlineSummary(f, Number(h["p10"]), Number(h["p90"]), (string?)h["nearest_anchor"])
            : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;
}

/// <summary>One issue and model in a comparison of two runs.</summary>
public sealed record ComparisonRow(string Issue, string Title, string Model, double? ForecastA, double? ForecastB, double? Difference,
    string? AnchorA, string? AnchorB);

/// <summary>A run's Parley forecast of an issue: the forecast, its 80 % interval and the nearest labelled anchor.</summary>
public sealed record HeadlineSummary(double Forecast, double? P10, double? P90, string? NearestAnchor);

/// <summary>One issue's Parley forecast in two runs (either may be missing) and B − A.</summary>
public sealed record HeadlineComparisonRow(string Issue, string Title, HeadlineSummary? A, HeadlineSummary? B, double? Difference);

/// <summary>Two runs side by side: per issue and model (<see cref="Rows"/>), and per issue the headlines.</summary>
public sealed record Comparison(long RunA, long RunB, IReadOnlyList<ComparisonRow> Rows)
{
    public IReadOnlyList<HeadlineComparisonRow> Headlines { get; init; } = [];
}
