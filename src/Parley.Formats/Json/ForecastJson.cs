using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Parley.Core.Domain;
using Parley.Core.Modelling;

namespace Parley.Formats.Json;

/// <summary>
/// The JSON document `parley run --json` prints (a contract: extend, never rename):
/// <c>{"scenario": ID, "issues": [{"id": ID, "title": S, "scale": {"min": N, "max": N, "unit": S},
/// "models": {NAME: {"forecast": N, "nearest_anchor": S|null, ...model fields}}}]}</c>.
/// Each model's entry is its result record serialised with snake_case property names; dictionary keys
/// (actor and issue ids) are kept as written.
/// </summary>
public static class ForecastJson
{
    public static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        // Results are written, never read back: `required` (a construction rule of the result records) must not
        // make the serialiser demand setters for ignored properties.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers = { info => { foreach (var p in info.Properties) p.IsRequired = false; } },
        },
    };

    /// <summary>Builds the document; callers (e.g. `analyze`) may add fields to a model's entry before writing.</summary>
    public static JsonObject Build(Scenario scenario, IReadOnlyList<ScenarioResult> results)
    {
        var issues = new JsonArray();
        foreach (var issue in scenario.Issues)
        {
            var models = new JsonObject();
            foreach (var result in results)
                if (result.For(issue.Id) is { } r)
                    models[result.Model] = ModelEntry(issue, r);
            if (models.Count == 0) continue;
            issues.Add(new JsonObject
            {
                ["id"] = issue.Id.Value,
                ["title"] = issue.Title,
                ["scale"] = new JsonObject { ["min"] = issue.Scale.Min, ["max"] = issue.Scale.Max, ["unit"] = issue.Scale.Unit },
                ["status_quo"] = issue.StatusQuo,
                ["models"] = models,
            });
        }
        return new JsonObject { ["scenario"] = scenario.Id, ["issues"] = issues };
    }

    /// <summary>One model's entry for one issue: "forecast" first, "nearest_anchor", then the result's own fields.</summary>
    public static JsonObject ModelEntry(Issue issue, IssueResult result)
    {
        var node = JsonSerializer.SerializeToNode(result, result.GetType(), SerializerOptions) as JsonObject ?? new JsonObject();
        var entry = new JsonObject
        {
            ["forecast"] = result.Forecast,
            ["nearest_anchor"] = issue.NearestAnchor(result.Forecast)?.Label,
        };
        foreach (var (key, value) in node.ToList())
        {
            if (key is "forecast") continue;
            node.Remove(key);
            entry[key] = value;
        }
        return entry;
    }

    /// <summary>The model entry inside a built document, for adding fields (null when absent).</summary>
    public static JsonObject? FindModelEntry(JsonObject document, IssueId issue, string model)
    {
        foreach (var node in document["issues"]!.AsArray())
            if (node!["id"]!.GetValue<string>() == issue.Value)
                return node["models"]![model] as JsonObject;
        return null;
    }

    public static string Write(JsonNode document) => document.ToJsonString(SerializerOptions);
}
