using System.Text.Json.Nodes;
using Parley.Analysis;
using Parley.Application.Forecasting;
using Parley.Core.Domain;
using Parley.Formats.Json;

namespace Parley.Application.Documents;

/// <summary>
/// The one place that turns a forecast or an analysis into its JSON document: `parley run --json`,
/// `parley analyze --json`, and the web app's stored results and API responses all come from here, so a change of
/// the document's contract is made once.
/// </summary>
public static class RunDocuments
{
    /// <summary>The `run --json` document; <paramref name="whatIfs"/> (none for `parley run`) are listed under "what_ifs".</summary>
    public static JsonObject Forecast(Forecast forecast, IReadOnlyList<Intervention>? whatIfs = null)
    {
        var doc = ForecastJson.Build(forecast.Scenario, forecast.Results);
        if (whatIfs is { Count: > 0 }) doc["what_ifs"] = new JsonArray(whatIfs.Select(w => (JsonNode?)w.ToString()).ToArray());
        return doc;
    }

    /// <summary>The `analyze --json` document.</summary>
    public static JsonObject Analysis(AnalysisResult result) => AnalysisJson.Build(result);

    /// <summary>The document as text, as the CLI prints it.</summary>
    public static string Write(JsonNode document) => ForecastJson.Write(document);
}
