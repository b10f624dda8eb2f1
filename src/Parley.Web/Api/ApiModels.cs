using System.Text.Json.Nodes;
using Parley.Storage;
using Parley.Web.Runs;

namespace Parley.Web.Api;

/// <summary>POST /api/scenarios: a source (YAML or JSON text) or a template id.</summary>
public sealed record NewScenarioBody(string? Source, string? Format, string? Template, string? Author, string? Message);

/// <summary>POST /api/scenarios/{id}/versions: the new source and the version it was edited from.</summary>
public sealed record NewVersionBody(int BaseVersion, string Source, string? Format, string? Author, string? Message);

/// <summary>POST /api/validate.</summary>
public sealed record ValidateBody(string Source, string? Format, string? Name);

public sealed record VersionDto(long ScenarioId, int Number, string Format, string Title, string Author, string? Message, DateTimeOffset CreatedAt,
    string Url, string Permalink, string? Source)
{
    public static VersionDto From(ScenarioVersionRecord v, bool withSource) => new(v.ScenarioId, v.Number, v.Format, v.Title, v.Author, v.Message,
        v.CreatedAt, $"/api/scenarios/{v.ScenarioId}/versions/{v.Number}", Links.Version(v.ScenarioId, v.Number), withSource ? v.Source : null);
}

public sealed record ScenarioDto(long Id, string Title, int LatestVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Url, string Permalink,
    IReadOnlyList<VersionDto>? Versions);

public sealed record ProgressDto(long Done, long Total, double Fraction);

public sealed record RunLinks(string Self, string Result, string Report, string Cancel, string Rerun, string Page);

public sealed record RunDto(long Id, long ScenarioId, int Version, string Kind, string Status, string? Label, string Author, long? BaseRun, long? RerunOf,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, ProgressDto Progress, string ParleyVersion,
    JsonNode? Request, JsonNode? Result, JsonNode? Error, RunLinks Links)
{
    public static RunDto From(RunRecord r, Application.Analysing.AnalysisProgress? live, bool withResult)
    {
        long done = live?.Done ?? r.ProgressDone, total = live?.Total ?? r.ProgressTotal;
        return new RunDto(r.Id, r.Version!.ScenarioId, r.Version.Number, r.Kind, r.Status, r.Label, r.Author, r.BaseRunId, r.RerunOf, r.CreatedAt,
            r.StartedAt, r.FinishedAt, new ProgressDto(done, total, total <= 0 ? (RunStatuses.IsFinished(r.Status) ? 1 : 0) : Math.Min(1, (double)done / total)),
            r.ParleyVersion, JsonNode.Parse(r.RequestJson), withResult && r.ResultJson is { } json ? JsonNode.Parse(json) : null,
            r.ErrorJson is { } e ? JsonNode.Parse(e) : null,
            new RunLinks($"/api/runs/{r.Id}", $"/api/runs/{r.Id}/result", $"/api/runs/{r.Id}/report", $"/api/runs/{r.Id}/cancel",
                $"/api/runs/{r.Id}/rerun", Api.Links.Run(r.Id)));
    }
}

/// <summary>The UI's permalinks.</summary>
public static class Links
{
    public static string Scenario(long id) => $"/scenarios/{id}";
    public static string Version(long id, int number) => $"/scenarios/{id}/v/{number}";
    public static string Run(long id) => $"/runs/{id}";
}
