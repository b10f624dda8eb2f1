using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Web.Tests;

/// <summary>Small helpers for calling the API in tests.</summary>
public static class Api
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonNode> Json(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> Get(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url, Ct)).Json(expected);

    public static async Task<JsonNode> Post(this HttpClient client, string url, object body, HttpStatusCode expected) =>
        await (await client.PostAsJsonAsync(url, body, Ct)).Json(expected);

    /// <summary>Polls a run until it has finished (or fails the test after <paramref name="seconds"/>).</summary>
    public static async Task<JsonNode> WaitFinished(this HttpClient client, long runId, int seconds = 120)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var run = await client.Get($"/api/runs/{runId}");
            if ((string)run["status"]! is "succeeded" or "failed" or "cancelled" or "interrupted") return run;
            Assert.True(DateTime.UtcNow < until, $"run {runId} still {(string)run["status"]!} after {seconds} s");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>The blank template's source.</summary>
    public static string Template => Scenarios.Templates.Find(Scenarios.Templates.Blank)!.Source;

    /// <summary>`parley run --json` on a source (written to a temporary file), as the CLI prints it.</summary>
    public static JsonObject CliRunJson(string source, string extension = ".yaml", params string[] extra)
    {
        var dir = Directory.CreateTempSubdirectory("parley-cli-");
        try
        {
            var path = Path.Combine(dir.FullName, "scenario" + extension);
            File.WriteAllText(path, source);
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = Cli.ParleyCli.Run(["run", path, "--json", .. extra], Cli.CliConsole.ForWriters(output, error));
            Assert.True(exit == 0, error.ToString());
            return JsonNode.Parse(output.ToString())!.AsObject();
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>Every (issue, model) → forecast of a result document.</summary>
    public static Dictionary<string, double> Forecasts(JsonNode document) =>
        document["issues"]!.AsArray().SelectMany(i => i!["models"]!.AsObject()
                .Select(m => ($"{(string)i["id"]!}/{m.Key}", m.Value!["forecast"]!.GetValue<double>())))
            .ToDictionary(p => p.Item1, p => p.Item2);

    public static string Serialize(object o) => JsonSerializer.Serialize(o);
}
