using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Parley.Application.Scenarios;
using Parley.Core;
using Parley.Core.Models;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>
/// For any scenario that validates, every model gives a finite forecast inside each issue's scale, or refuses with a
/// located message (<see cref="ModelRefusedException"/> naming the model, or a setting error naming it).
/// </summary>
public class ModelPropertyTests
{
    /// <summary>A generated scenario as YAML: 2–6 actors, 1–3 issues, scales anywhere, some zero saliences and missing stances.</summary>
    private static readonly Gen<string> Scenarios =
        from seed in Gen.Choose(0, int.MaxValue)
        select Yaml(new Random(seed));

    private static string Yaml(Random rng)
    {
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        int actors = rng.Next(2, 7), issues = rng.Next(1, 4);
        var sb = new StringBuilder("scenario:\n  id: generated\n  title: Generated\ndecision_rule: ")
            .Append(rng.Next(2) == 0 ? "consensus" : "majority").Append("\nissues:\n");
        var scales = new (double Min, double Max)[issues];
        for (int k = 0; k < issues; k++)
        {
            double min = Math.Round((rng.NextDouble() - 0.5) * 200, 3), width = Math.Round(Math.Pow(10, rng.NextDouble() * 6 - 2), 3) + 0.01;
            scales[k] = (min, min + width);
            sb.Append($"  - id: i{k}\n    title: Issue {k}\n    scale: {{min: {F(min)}, max: {F(min + width)}}}\n");
            if (rng.Next(2) == 0) sb.Append($"    status_quo: {F(Pick(rng, scales[k]))}\n");
        }
        sb.Append("actors:\n");
        for (int a = 0; a < actors; a++)
        {
            sb.Append($"  - id: a{a}\n    name: Actor {a}\n    capability: {F(Math.Round(Math.Pow(10, rng.NextDouble() * 6 - 3), 6) + 1e-6)}\n    positions:\n");
            for (int k = 0; k < issues; k++)
            {
                if (rng.Next(6) == 0) continue; // no stance on this issue
                double salience = rng.Next(5) == 0 ? 0 : Math.Round(rng.NextDouble(), 3);
                sb.Append($"      i{k}: {{position: {F(Pick(rng, scales[k]))}, salience: {F(salience)}, evidence: {{judgement: generated}}}}\n");
            }
        }
        return sb.ToString();
    }

    private static double Pick(Random rng, (double Min, double Max) s) =>
        rng.Next(4) == 0 ? (rng.Next(2) == 0 ? s.Min : s.Max) : Math.Round(s.Min + rng.NextDouble() * (s.Max - s.Min), 4);

    [Fact]
    public void Every_model_forecasts_inside_the_scale_or_refuses_with_a_location()
    {
        var loader = new ScenarioLoader();
        int valid = 0, tried = 0;
        Prop.ForAll(Scenarios.ToArbitrary(), yaml =>
        {
            tried++;
            Core.Domain.Scenario scenario;
            try
            {
                scenario = loader.Parse("generated.yaml", yaml).Scenario;
            }
            catch (Formats.InputException)
            {
                return; // the property is about scenarios that validate
            }
            valid++;
            foreach (var model in ModelRegistry.BuiltIn.All)
            {
                ScenarioResult result;
                try
                {
                    result = model.Run(scenario, ModelSettings.Default);
                }
                catch (ModelRefusedException e)
                {
                    Assert.Equal(model.Info.Name, e.Model);
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                    continue;
                }
                catch (ModelSettingException e)
                {
                    Assert.Contains(model.Info.Name, e.Message); // names the model that refused
                    continue;
                }
                foreach (var r in result.Issues)
                {
                    var scale = scenario.Issues.Single(i => i.Id == r.Issue).Scale;
                    double slack = 1e-9 * Math.Max(1, scale.Max - scale.Min);
                    Assert.True(double.IsFinite(r.Forecast) && r.Forecast >= scale.Min - slack && r.Forecast <= scale.Max + slack,
                        $"{model.Info.Name} on {r.Issue}: {r.Forecast} outside [{scale.Min}, {scale.Max}]\n{yaml}");
                }
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(80));
        Assert.True(valid >= tried / 2, $"only {valid} of {tried} generated scenarios validated: the property was barely tested");
    }
}
