using Parley.Core.Domain;

namespace Parley.Formats.Tests;

/// <summary>Helpers: read content as a given file name and look at the diagnostics.</summary>
internal static class TestRead
{
    public static LoadResult<Scenario> FromYaml(string content, string file = "test.yaml") => ScenarioFiles.Parse(file, content);
    public static LoadResult<Scenario> FromJson(string content, string file = "test.json") => ScenarioFiles.Parse(file, content);
    public static LoadResult<Scenario> FromCsv(string content, string file = "table.csv", ReadOptions? options = null) =>
        ScenarioFiles.Parse(file, content, options: options);

    public static Scenario Valid(LoadResult<Scenario> result)
    {
        Assert.True(result.Ok, "expected no errors, got:\n" + string.Join("\n", result.Errors));
        return result.Value!;
    }

    /// <summary>Asserts exactly one error and returns it.</summary>
    public static Diagnostic SingleError(LoadResult<Scenario> result)
    {
        Assert.False(result.Ok);
        Assert.True(result.Errors.Count == 1, $"expected one error, got {result.Errors.Count}:\n" + string.Join("\n", result.Errors));
        return result.Errors[0];
    }

    /// <summary>A valid minimal scenario; tests change one line of it to make one mistake.</summary>
    public const string Minimal = """
        scenario:
          id: minimal
          title: Minimal
        issues:
          - id: spending
            title: Spending target
            scale: {min: 2, max: 5}
        actors:
          - id: usa
            capability: 10
            positions:
              spending: {position: 5, salience: 0.9}
          - id: france
            capability: 5
            positions:
              spending: {position: 3, salience: 0.5}
        """;
}
