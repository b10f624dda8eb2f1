using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Tests.Shared;

namespace Parley.Web.Tests;

/// <summary>
/// The HTTP API's behaviour, run against each database (SQLite file; PostgreSQL when PARLEY_TEST_PG is set): versions,
/// conflicts, validation errors, forecasts equal to `parley run --json`, analysis jobs, what-ifs, comparisons, imports.
/// </summary>
public abstract class ApiContract(ParleyFactory factory)
{
    protected HttpClient Client { get; } = factory.CreateClient();

    private async Task<long> NewScenario(string? source = null)
    {
        var v = await Client.Post("/api/scenarios", new { source = source ?? Api.Template, message = "test" }, HttpStatusCode.Created);
        return (long)v["scenario_id"]!;
    }

    [Fact]
    public async Task The_database_is_seeded_with_the_template_and_the_Hague_scenario()
    {
        var list = (await Client.Get("/api/scenarios")).AsArray().Select(s => (string)s!["title"]!).ToArray();
        Assert.Contains("A new negotiation", list);
        Assert.Contains("NATO summit, The Hague, 24–25 June 2025", list);
    }

    [Fact]
    public async Task Saving_keeps_every_version_exactly_as_written_and_a_stale_base_is_a_conflict()
    {
        long id = await NewScenario();
        var v2 = Api.Template.Replace("title: Budget increase", "title: Budget increase # edited by Ann");
        var v3 = Api.Template.Replace("salience: 0.8", "salience: 0.7");
        await Client.Post($"/api/scenarios/{id}/versions", new { base_version = 1, source = v2, author = "ann", message = "Ann's edit" }, HttpStatusCode.Created);
        // Bob edited version 1 too: his save must not silently replace Ann's
        var conflict = await Client.Post($"/api/scenarios/{id}/versions", new { base_version = 1, source = v3, author = "bob" }, HttpStatusCode.Conflict);
        Assert.Equal("conflict", (string)conflict["kind"]!);
        await Client.Post($"/api/scenarios/{id}/versions", new { base_version = 2, source = v3, author = "bob" }, HttpStatusCode.Created);

        var versions = (await Client.Get($"/api/scenarios/{id}/versions")).AsArray();
        Assert.Equal([1, 2, 3], versions.Select(v => (int)v!["number"]!));
        Assert.Equal(["test", "Ann's edit", null], versions.Select(v => (string?)v!["message"]));
        Assert.Equal("ann", (string)versions[1]!["author"]!);
        Assert.Equal(Api.Template, (string)(await Client.Get($"/api/scenarios/{id}/versions/1"))["source"]!);
        Assert.Equal(v2, await Client.GetStringAsync($"/api/scenarios/{id}/versions/2/source", Api.Ct));
        Assert.Equal(v3, (string)(await Client.Get($"/api/scenarios/{id}/versions/3"))["source"]!);
        var diff = (await Client.Get($"/api/scenarios/{id}/versions/3/diff?against=2"))["lines"]!.AsArray();
        Assert.Contains(diff, l => (string)l!["op"]! == "+" && ((string)l["text"]!).Contains("salience: 0.7"));
        Assert.Contains(diff, l => (string)l!["op"]! == "-" && ((string)l["text"]!).Contains("# edited by Ann"));
    }

    [Fact]
    public async Task Concurrent_saves_on_one_base_make_one_version_and_conflicts()
    {
        long id = await NewScenario();
        var saves = Enumerable.Range(0, 6).Select(k => Client.PostAsync($"/api/scenarios/{id}/versions",
            JsonContent(new { base_version = 1, source = Api.Template.Replace("capability: 2\n", $"capability: {k + 2}\n"), author = $"user{k}" }), Api.Ct)).ToArray();
        var statuses = (await Task.WhenAll(saves)).Select(r => r.StatusCode).ToArray();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(2, (int)(await Client.Get($"/api/scenarios/{id}"))["latest_version"]!);
    }

    [Fact]
    public async Task Invalid_input_is_422_with_the_located_diagnostics_the_CLI_prints()
    {
        var bad = Api.Template.Replace("salience: 0.8", "salience: 7");
        var problem = await Client.Post("/api/scenarios", new { source = bad }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-input", (string)problem["kind"]!);
        var d = problem["diagnostics"]!.AsArray().Single()!;
        int line = bad.Split('\n').ToList().FindIndex(l => l.Contains("salience: 7")) + 1;
        Assert.Equal("scenario.yaml", (string)d["file"]!);
        Assert.Equal(line, (int)d["line"]!);
        Assert.True((int)d["column"]! > 1);
        Assert.Contains("salience", (string)d["field"]!);
        Assert.Contains("outside its range", (string)d["message"]!);
        Assert.Contains("0..1", (string)d["allowed"]!);

        // the same text, as `parley validate` prints it for the same source
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "scenario.yaml"), bad);
        var err = new StringWriter();
        var cwd = Environment.CurrentDirectory;
        Assert.Equal(2, Cli.ParleyCli.Run(["validate", Path.Combine(dir.FullName, "scenario.yaml")], Cli.CliConsole.ForWriters(new StringWriter(), err)));
        Assert.Contains($":{line}:{(int)d["column"]!}: error: {(string)d["field"]!}: {(string)d["message"]!} ({(string)d["allowed"]!})", err.ToString());
        dir.Delete(true);
    }

    [Fact]
    public async Task A_forecast_is_the_document_parley_run_json_prints_for_that_version()
    {
        long id = await NewScenario();
        var run = await Client.Post($"/api/scenarios/{id}/forecasts", new { }, HttpStatusCode.Created);
        Assert.Equal("succeeded", (string)run["status"]!);
        Assert.Equal(1, (int)run["version"]!);
        Assert.False(string.IsNullOrEmpty((string)run["parley_version"]!));
        var served = JsonNode.Parse(await Client.GetStringAsync($"/api/runs/{(long)run["id"]!}/result", Api.Ct))!;
        var cli = Api.CliRunJson(Api.Template);
        Assert.Equal(Api.Forecasts(cli), Api.Forecasts(served));
        Assert.True(JsonNode.DeepEquals(cli, served), "the stored document differs from `parley run --json`");
        Assert.Equal(7, Api.Forecasts(served).Count); // every model on the one issue
    }

    [Fact]
    public async Task An_analysis_is_a_job_with_progress_and_a_result()
    {
        long id = await NewScenario();
        var started = await Client.Post($"/api/scenarios/{id}/analyses", new { draws = 400, models = new[] { "compromise", "median" } }, HttpStatusCode.Accepted);
        Assert.Contains((string)started["status"]!, new[] { "queued", "running" });
        var done = await Client.WaitFinished((long)started["id"]!);
        Assert.Equal("succeeded", (string)done["status"]!);
        Assert.Equal(1.0, (double)done["progress"]!["fraction"]!);
        var entry = done["result"]!["issues"]![0]!["models"]!["compromise"]!;
        Assert.Equal(400, (int)entry["distribution"]!["draws"]!);
        Assert.NotEmpty(entry["tornado"]!.AsArray());
        Assert.Equal(400, (int)done["result"]!["analysis"]!["draws"]!);
        var report = await Client.GetStringAsync($"/api/runs/{(long)done["id"]!}/report", Api.Ct);
        Assert.Contains("<svg", report);
        Assert.Contains("Outcome distributions", report);
    }

    [Fact]
    public async Task An_analysis_can_be_cancelled_and_rerun()
    {
        var started = await Client.Post("/api/scenarios/2/analyses", new { draws = 200000, models = new[] { "nash" } }, HttpStatusCode.Accepted);
        long runId = (long)started["id"]!;
        await Client.PostAsync($"/api/runs/{runId}/cancel", null, Api.Ct);
        var done = await Client.WaitFinished(runId);
        Assert.Equal("cancelled", (string)done["status"]!);
        Assert.Null(done["result"]);
        var again = await (await Client.PostAsync($"/api/runs/{runId}/rerun", null, Api.Ct)).Json(HttpStatusCode.Accepted);
        Assert.Equal(runId, (long)again["rerun_of"]!);
        await Client.PostAsync($"/api/runs/{(long)again["id"]!}/cancel", null, Api.Ct);
        Assert.Equal("cancelled", (string)(await Client.WaitFinished((long)again["id"]!))["status"]!);
    }

    [Fact]
    public async Task Draws_beyond_the_cap_and_unknown_models_are_refused()
    {
        var tooMany = await Client.Post("/api/scenarios/1/analyses", new { draws = 200001 }, HttpStatusCode.BadRequest);
        Assert.Equal("invalid-request", (string)tooMany["kind"]!);
        Assert.Contains("limit", (string)tooMany["detail"]!);
        var unknown = await Client.Post("/api/scenarios/1/forecasts", new { models = new[] { "oracle" } }, HttpStatusCode.BadRequest);
        Assert.Equal("unknown-model", (string)unknown["kind"]!);
        await Client.Get("/api/scenarios/999999", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_what_if_is_a_run_compared_with_its_base()
    {
        long id = await NewScenario();
        var baseRun = await Client.Post($"/api/scenarios/{id}/forecasts", new { models = new[] { "compromise", "median" } }, HttpStatusCode.Created);
        long b = (long)baseRun["id"]!;
        var whatIf = await Client.Post($"/api/scenarios/{id}/forecasts",
            new { models = new[] { "compromise", "median" }, without = new[] { "member-b" }, base_run = b }, HttpStatusCode.Created);
        Assert.Equal("without member-b", (string)whatIf["label"]!);
        var cli = Api.CliRunJson(Api.Template.Replace("""
                  - id: member-b
                    name: Member B
                    capability: 1
                    positions:
                      budget: {position: 90, salience: 0.6, range: {low: 70, high: 100}, evidence: {judgement: "to be coded"}}
                """.Replace("\r\n", "\n"), ""), ".yaml", "-m", "compromise", "-m", "median");
        var compare = await Client.Get($"/api/compare?a={b}&b={(long)whatIf["id"]!}");
        var rows = compare["rows"]!.AsArray();
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            var model = (string)row!["model"]!;
            Assert.Equal(Api.Forecasts(baseRun["result"]!)[$"budget/{model}"], (double)row["forecast_a"]!);
            Assert.Equal(Api.Forecasts(cli)[$"budget/{model}"], (double)row["forecast_b"]!, 9);
            Assert.Equal((double)row["forecast_b"]! - (double)row["forecast_a"]!, (double)row["difference"]!, 9);
        }
        Assert.Contains(rows, r => Math.Abs((double)r!["difference"]!) > 1); // dropping the high member moves the forecasts

        // the what-if run carries the Parley forecast, `parley run`'s of the scenario without member-b, next to the base run's
        var headline = Assert.Single(compare["headlines"]!.AsArray())!;
        Assert.Equal("budget", (string)headline["issue"]!);
        var baseHeadline = baseRun["result"]!["issues"]![0]!["headline"]!;
        var cliHeadline = cli["issues"]![0]!["headline"]!;
        Assert.Equal((double)baseHeadline["forecast"]!, (double)headline["a"]!["forecast"]!);
        Assert.Equal((double)baseHeadline["p90"]!, (double)headline["a"]!["p90"]!);
        Assert.Equal((double)cliHeadline["forecast"]!, (double)headline["b"]!["forecast"]!, 9);
        Assert.Equal((double)cliHeadline["p10"]!, (double)headline["b"]!["p10"]!, 9);
        Assert.Equal((double)cliHeadline["p90"]!, (double)headline["b"]!["p90"]!, 9);
        Assert.Equal((double)cliHeadline["forecast"]! - (double)baseHeadline["forecast"]!, (double)headline["difference"]!, 9);
        Assert.True((double)headline["difference"]! < -1, "dropping the high member did not move the headline down");
        Assert.Equal(cliHeadline.ToJsonString(), whatIf["result"]!["issues"]![0]!["headline"]!.ToJsonString());
        // and so does its report ("At a glance" opens with the Parley forecast when the result has one)
        var report = await Client.GetStringAsync($"/api/runs/{(long)whatIf["id"]!}/report", Api.Ct);
        Assert.Contains("The Parley forecast of each issue", report);
    }

    [Fact]
    public async Task Import_accepts_every_format_the_reader_reads()
    {
        var csv = RepoPaths.Combine("tests", "Parley.Cli.Tests", "Fixtures", "ec-emissions.csv");
        var created = await Upload("ec-emissions.csv", File.ReadAllBytes(csv), HttpStatusCode.Created);
        var v = await Client.Get((string)created["url"]!);
        Assert.Equal("yaml", (string)v["format"]!);
        Assert.Contains("imported ec-emissions.csv", (string)v["message"]!);
        Assert.Contains("actors:", (string)v["source"]!);

        var yaml = Encoding.UTF8.GetBytes("# my comment\n" + Api.Template);
        var fromYaml = await Client.Get((string)(await Upload("mine.yaml", yaml, HttpStatusCode.Created))["url"]!);
        Assert.Equal("# my comment\n" + Api.Template, (string)fromYaml["source"]!); // exactly as written

        var bad = await Upload("broken.yaml", Encoding.UTF8.GetBytes(Api.Template.Replace("capability: 2\n", "capability: lots\n")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("broken.yaml", (string)bad["diagnostics"]![0]!["file"]!);
    }

    [Fact]
    public async Task The_catalogue_and_the_OpenAPI_document_are_served()
    {
        var models = (await Client.Get("/api/models")).AsArray().Select(m => (string)m!["name"]!).ToArray();
        Assert.Equal(Core.Models.ModelRegistry.BuiltIn.Names, models);
        var openapi = await Client.Get("/openapi/v1.json");
        Assert.StartsWith("3.1", (string)openapi["openapi"]!);
        Assert.NotNull(openapi["paths"]!["/api/scenarios/{id}/versions"]);
        Assert.NotNull(openapi["paths"]!["/api/scenarios/{id}/analyses"]);
        var scalar = await Client.GetAsync("/scalar/v1", Api.Ct);
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }

    private async Task<JsonNode> Upload(string name, byte[] bytes, HttpStatusCode expected)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return await (await Client.PostAsync("/api/scenarios/import", form, Api.Ct)).Json(expected);
    }

    private static StringContent JsonContent(object o) => new(Api.Serialize(o), Encoding.UTF8, "application/json");
}

/// <summary>The API on SQLite (a file in a temporary folder).</summary>
public sealed class SqliteServer : IDisposable
{
    public ParleyFactory Factory { get; } = new();
    public void Dispose() => Factory.Dispose();
}

public sealed class SqliteApiTests(SqliteServer server) : ApiContract(server.Factory), IClassFixture<SqliteServer>;
