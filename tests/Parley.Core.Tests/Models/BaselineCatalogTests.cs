using Parley.Core.Domain;
using Parley.Core.Models;
using Xunit;

namespace Parley.Core.Tests.Models;

public class BaselineCatalogTests
{
    [Fact]
    public void Every_default_model_is_registered_and_runs_on_a_scenario()
    {
        var actors = new[] { "a", "b", "c", "setter" }.Select(id => new Actor(new ActorId(id), id, 1)).ToArray();
        double[] positions = [20, 40, 60, 100];
        var issue = new Issue(new IssueId("budget"), "Budget", new Scale(0, 100), statusQuo: 0);
        var scenario = new Scenario(new ScenarioMetadata("toy", "Toy"), actors, [issue],
            actors.Select((a, i) => new Stance(a.Id, issue.Id, positions[i], 1)).ToArray(),
            new DecisionRule.Consensus(), new ActorId("setter"));
        var expected = new Dictionary<string, double> { ["compromise"] = 55, ["median"] = 40, ["consensus"] = 40 };
        foreach (var name in ModelCatalog.DefaultNames)
        {
            var model = ModelCatalog.Find(name);
            Assert.NotNull(model);
            var result = Assert.Single(model.Run(scenario, ModelSettings.Default).Issues);
            Assert.InRange(result.Forecast, 0, 100);
            if (expected.TryGetValue(name, out var value)) Assert.Equal(value, result.Forecast, 12);
        }
        // Nash, q = 0 below everyone: feasible up to 2·20 = 40; the forecast is interior and above the lowest actor.
        Assert.InRange(ModelCatalog.Find("nash")!.Run(scenario, ModelSettings.Default).Issues[0].Forecast, 20, 40);
    }
}
