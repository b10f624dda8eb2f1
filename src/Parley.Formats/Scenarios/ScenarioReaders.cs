using Parley.Core.Domain;
using Parley.Formats.Documents;

namespace Parley.Formats.Scenarios;

/// <summary>Reads the scenario schema (docs/scenario-format.md) written in YAML.</summary>
public sealed class YamlScenarioReader : IScenarioReader
{
    public string Format => "yaml";
    public IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml"];

    public LoadResult<Scenario> Read(string displayPath, string content, ReadOptions options) =>
        ScenarioBinder.Bind(displayPath, YamlDocumentParser.Parse(displayPath, content), options);
}

/// <summary>Reads the scenario schema (docs/scenario-format.md) written in JSON.</summary>
public sealed class JsonScenarioReader : IScenarioReader
{
    public string Format => "json";
    public IReadOnlyList<string> Extensions { get; } = [".json"];

    public LoadResult<Scenario> Read(string displayPath, string content, ReadOptions options) =>
        ScenarioBinder.Bind(displayPath, JsonDocumentParser.Parse(displayPath, content), options);
}
