using System.Text.Json.Nodes;
using Parley.Analysis;
using Parley.Application.Forecasting;
using Parley.Contracts;
using Parley.Contracts.V1;
using Parley.Core.Domain;

namespace Parley.Application.Documents;

/// <summary>
/// The one place that turns a forecast or an analysis into its JSON document (the versioned contracts of
/// Parley.Contracts): `parley run --json`, `parley analyze --json`, and the web app's stored results and API responses
/// all come from here.
/// </summary>
public static class RunDocuments
{
    /// <summary>
    /// The `run --json` document. <paramref name="whatIfs"/> (none for `parley run`) are listed under "what_ifs", a
    /// field only runs with what-ifs carry.
    /// </summary>
    public static string Forecast(Forecast forecast, IReadOnlyList<Intervention>? whatIfs = null)
    {
        var text = ContractJson.Write(RunMapper.Map(forecast.Scenario, forecast.Results, forecast.Headlines));
        if (whatIfs is not { Count: > 0 }) return text;
        var doc = JsonNode.Parse(text)!.AsObject();
        doc["what_ifs"] = new JsonArray(whatIfs.Select(w => (JsonNode?)w.ToString()).ToArray());
        return JsonLayout.Format(System.Text.Encoding.UTF8.GetBytes(doc.ToJsonString()));
    }

    /// <summary>The `analyze --json` document.</summary>
    public static string Analysis(AnalysisResult result) => ContractJson.Write(AnalyzeMapper.Map(result));
}
