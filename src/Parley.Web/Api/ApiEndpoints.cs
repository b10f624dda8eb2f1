using Microsoft.AspNetCore.Mvc;
using Parley.Core.Models;
using Parley.Storage;
using Parley.Web.Hosting;
using Parley.Web.Jobs;
using Parley.Web.Runs;
using Parley.Web.Scenarios;

namespace Parley.Web.Api;

/// <summary>The HTTP API under /api (JSON, snake_case; failures as problem documents, see <see cref="ErrorMapping"/>).</summary>
public static class ApiEndpoints
{
    public static void MapParleyApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/models", () => ModelRegistry.BuiltIn.All.Select(m => new
        {
            name = m.Info.Name,
            summary = m.Info.Summary,
            citation = m.Info.Citation,
            multi_issue = m.Info.IsMultiIssue,
            dynamic = m.Info.IsDynamic,
            settings = m.Info.Parameters.Select(p => new { name = p.Name, @default = p.Default, description = p.Description }),
        })).WithSummary("The model catalogue (as `parley models`)").WithTags("models");

        api.MapGet("/templates", () => Templates.All.Select(t => new { id = t.Id, title = t.Title, description = t.Description }))
            .WithSummary("Templates a new scenario can start from").WithTags("scenarios");

        api.MapPost("/validate", (ValidateBody body, ScenarioService s) =>
        {
            var check = s.Check(body.Source, body.Format, body.Name);
            return Results.Ok(new
            {
                ok = check.Ok,
                errors = check.Errors.Select(d => new { file = d.File, line = d.Line, column = d.Column, field = d.Field, message = d.Message, allowed = d.Allowed }),
                notes = check.Notes.Select(n => n.Text),
            });
        }).WithSummary("Check a scenario source as `parley validate` does (nothing is stored)").WithTags("scenarios");

        api.MapGet("/scenarios", async (ParleyStore store, CancellationToken ct) =>
                (await store.ListScenarios(ct)).Select(s => new ScenarioDto(s.Id, s.Title, s.LatestVersion, s.CreatedAt, s.UpdatedAt,
                    $"/api/scenarios/{s.Id}", Links.Scenario(s.Id), null)))
            .WithSummary("List scenarios").WithTags("scenarios");

        api.MapPost("/scenarios", async (NewScenarioBody body, ScenarioService s, HttpContext http, CancellationToken ct) =>
        {
            string source = body.Source ?? (body.Template is { } t
                ? Templates.Find(t)?.Source ?? throw new Core.InvalidRequestException("template", $"no template '{t}' (have: {string.Join(", ", Templates.All.Select(x => x.Id))})")
                : throw new Core.InvalidRequestException("source", "give the scenario's source (YAML or JSON) or a template id"));
            var v = await s.Create(source, body.Template is not null && body.Source is null ? "yaml" : body.Format, Auth.Author(http, body.Author), body.Message, ct);
            return Results.Created($"/api/scenarios/{v.ScenarioId}/versions/{v.Number}", VersionDto.From(v, false));
        }).WithSummary("Create a scenario (version 1) from a source or a template; 422 with located diagnostics when invalid").WithTags("scenarios");

        api.MapPost("/scenarios/import", async (IFormFile file, [FromForm(Name = "scenario_id")] long? scenarioId, [FromForm(Name = "base_version")] int? baseVersion,
            [FromForm(Name = "author")] string? author, ScenarioService s, HttpContext http, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            var v = await s.Import(file.FileName, stream, Auth.Author(http, author), scenarioId, baseVersion, ct);
            return Results.Created($"/api/scenarios/{v.ScenarioId}/versions/{v.Number}", VersionDto.From(v, false));
        }).DisableAntiforgery() // an API call (tokens, or loopback with the cross-site guard), not a form of the UI
          .WithSummary("Import a file in any format Parley reads (multipart field 'file'); with scenario_id (and base_version) as a new version")
          .WithTags("scenarios");

        api.MapGet("/scenarios/{id:long}", async (long id, ParleyStore store, CancellationToken ct) =>
        {
            var s = await store.GetScenario(id, ct);
            var versions = await store.ListVersions(id, ct);
            return new ScenarioDto(s.Id, s.Title, s.LatestVersion, s.CreatedAt, versions[^1].CreatedAt, $"/api/scenarios/{id}", Links.Scenario(id),
                versions.Select(v => VersionDto.From(v, false)).ToArray());
        }).WithSummary("A scenario and its versions").WithTags("scenarios");

        api.MapGet("/scenarios/{id:long}/versions", async (long id, ParleyStore store, CancellationToken ct) =>
            (await store.ListVersions(id, ct)).Select(v => VersionDto.From(v, false))).WithSummary("Every saved version").WithTags("scenarios");

        api.MapPost("/scenarios/{id:long}/versions", async (long id, NewVersionBody body, ScenarioService s, HttpContext http, CancellationToken ct) =>
        {
            var v = await s.Save(id, body.BaseVersion, body.Source, body.Format, Auth.Author(http, body.Author), body.Message, ct);
            return Results.Created($"/api/scenarios/{v.ScenarioId}/versions/{v.Number}", VersionDto.From(v, false));
        }).WithSummary("Save a new version; 409 when base_version is not the latest, 422 when invalid").WithTags("scenarios");

        api.MapGet("/scenarios/{id:long}/versions/{n:int}", async (long id, int n, ParleyStore store, CancellationToken ct) =>
            VersionDto.From(await store.GetVersion(id, n, ct), true)).WithSummary("One version with its source").WithTags("scenarios");

        api.MapGet("/scenarios/{id:long}/versions/{n:int}/source", async (long id, int n, ParleyStore store, bool? download, CancellationToken ct) =>
        {
            var v = await store.GetVersion(id, n, ct);
            var type = v.Format == "json" ? "application/json" : "application/yaml";
            return download == true
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(v.Source), type, $"scenario-{id}-v{n}.{(v.Format == "json" ? "json" : "yaml")}")
                : Results.Text(v.Source, type + "; charset=utf-8");
        }).WithSummary("The source exactly as saved (YAML or JSON)").WithTags("scenarios");

        api.MapGet("/scenarios/{id:long}/versions/{n:int}/diff", async (long id, int n, int against, ParleyStore store, CancellationToken ct) =>
        {
            var a = await store.GetVersion(id, against, ct);
            var b = await store.GetVersion(id, n, ct);
            return new { scenario_id = id, from = against, to = n, lines = LineDiff.Compute(a.Source, b.Source) };
        }).WithSummary("Line diff of version n against version ?against=m").WithTags("scenarios");

        api.MapPost("/scenarios/{id:long}/forecasts", async (long id, RunRequest? body, RunService runs, HttpContext http, CancellationToken ct) =>
        {
            body ??= new RunRequest();
            var run = await runs.Forecast(id, body, Auth.Author(http, body.Author), ct: ct);
            return Results.Created($"/api/runs/{run.Id}", RunDto.From(await GetRun(http, run.Id, ct), null, true));
        }).WithSummary("Forecast a version now (the document is `parley run --json`'s); what-ifs: without, set, shocks").WithTags("runs");

        api.MapPost("/scenarios/{id:long}/analyses", async (long id, RunRequest? body, RunService runs, HttpContext http, CancellationToken ct) =>
        {
            body ??= new RunRequest();
            var run = await runs.StartAnalysis(id, body, Auth.Author(http, body.Author), ct: ct);
            return Results.Accepted($"/api/runs/{run.Id}", RunDto.From(await GetRun(http, run.Id, ct), null, false));
        }).WithSummary("Start an analysis job (202; poll the run for progress and result)").WithTags("runs");

        api.MapGet("/runs", async (long? scenario, int? version, ParleyStore store, CancellationToken ct) =>
            await store.ListRuns(scenario, version, ct: ct)).WithSummary("Runs, newest first (filter by scenario and version)").WithTags("runs");

        api.MapGet("/runs/{id:long}", async (long id, ParleyStore store, IAnalysisRunner runner, CancellationToken ct) =>
            RunDto.From(await store.GetRun(id, ct), runner.Progress(id), true)).WithSummary("A run: status, progress, request, result").WithTags("runs");

        api.MapGet("/runs/{id:long}/result", async (long id, ParleyStore store, CancellationToken ct) =>
        {
            var run = await store.GetRun(id, ct);
            return run.ResultJson is { } json
                ? Results.Text(json, "application/json; charset=utf-8")
                : ErrorMapping.Result(new ApiProblem(409, "not-ready", "No result", $"run {id} is {run.Status}", []));
        }).WithSummary("The result document exactly as `parley run --json` / `parley analyze --json` print it").WithTags("runs");

        api.MapGet("/runs/{id:long}/report", async (long id, bool? download, ParleyStore store, HttpContext http, CancellationToken ct) =>
        {
            var run = await store.GetRun(id, ct);
            if (run.ReportHtml is null) return ErrorMapping.Result(new ApiProblem(409, "not-ready", "No report", $"run {id} is {run.Status}", []));
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
            return download == true
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(run.ReportHtml), "text/html", $"parley-run-{id}.html")
                : Results.Content(run.ReportHtml, "text/html; charset=utf-8");
        }).WithSummary("The HTML report of a run (as `parley report`)").WithTags("runs");

        api.MapPost("/runs/{id:long}/cancel", async (long id, RunService runs, CancellationToken ct) =>
            await runs.Cancel(id, ct) ? Results.Accepted($"/api/runs/{id}") : ErrorMapping.Result(new ApiProblem(409, "finished", "Already finished", $"run {id} has finished", [])))
            .WithSummary("Cancel a queued or running analysis").WithTags("runs");

        api.MapPost("/runs/{id:long}/rerun", async (long id, RunService runs, HttpContext http, CancellationToken ct) =>
        {
            var run = await runs.Rerun(id, Auth.Author(http, null), ct);
            var dto = RunDto.From(await GetRun(http, run.Id, ct), null, true);
            return run.Kind == RunKinds.Forecast ? Results.Created($"/api/runs/{run.Id}", dto) : Results.Accepted($"/api/runs/{run.Id}", dto);
        }).WithSummary("Run a stored request again as a new run (e.g. an interrupted job)").WithTags("runs");

        api.MapGet("/compare", async (long a, long b, ParleyStore store, CancellationToken ct) =>
            RunService.Compare(await store.GetRun(a, ct), await store.GetRun(b, ct)))
            .WithSummary("Two runs side by side: per issue and model, forecast A, forecast B and B − A").WithTags("runs");
    }

    private static Task<RunRecord> GetRun(HttpContext http, long id, CancellationToken ct) =>
        http.RequestServices.GetRequiredService<ParleyStore>().GetRun(id, ct);
}
