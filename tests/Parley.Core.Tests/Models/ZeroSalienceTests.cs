using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Tests.Models.Exchange;
using Xunit;

namespace Parley.Core.Tests.Models;

/// <summary>
/// An issue nobody cares about (every salience 0): each model gives a finite forecast on the issue's scale with a note
/// that says so, or refuses with a <see cref="ModelRefusedException"/> that names the issue; never NaN or a silent number.
/// </summary>
public class ZeroSalienceTests
{
    private static Scenario Scenario(bool onlyIgnored) => ExchangeTestScenarios.Build(
        [("a", 1), ("b", 2), ("c", 1.5)],
        onlyIgnored ? [("ignored", -10, 10)] : [("cared", 0, 100), ("ignored", -10, 10)],
        [
            .. onlyIgnored ? [] : new[] { ("a", "cared", 10.0, 0.8), ("b", "cared", 60, 0.5), ("c", "cared", 90, 0.3) },
            ("a", "ignored", -8, 0), ("b", "ignored", 2, 0), ("c", "ignored", 9, 0),
        ]);

    public static TheoryData<string, bool> Models() =>
        [.. ModelRegistry.BuiltIn.All.SelectMany(m => new[] { (m.Info.Name, false), (m.Info.Name, true) })];

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_model_forecasts_a_noted_finite_value_or_refuses_naming_the_issue(string name, bool onlyIgnored)
    {
        var model = ModelRegistry.BuiltIn.Get(name);
        ScenarioResult result;
        try
        {
            result = model.Run(Scenario(onlyIgnored), ModelSettings.Default);
        }
        catch (ModelRefusedException e)
        {
            Assert.Equal("ignored", e.Issue);
            Assert.Contains("salience", e.Message, StringComparison.OrdinalIgnoreCase);
            return;
        }
        var ignored = result.For(new IssueId("ignored"))!;
        Assert.True(double.IsFinite(ignored.Forecast) && ignored.Forecast is >= -10 and <= 10, $"{name}: {ignored.Forecast}");
        var notes = ignored.Notes ?? [];
        Assert.True(notes.Any(n => n.Contains("salience", StringComparison.OrdinalIgnoreCase)),
            $"{name}: forecast {ignored.Forecast} with no note on the saliences ({string.Join(" | ", notes)})");
        if (onlyIgnored) return;
        var cared = result.For(new IssueId("cared"))!;
        Assert.True(double.IsFinite(cared.Forecast) && cared.Forecast is >= 0 and <= 100, $"{name}: {cared.Forecast}");
    }
}
