using Parley.Contracts.V1;
using Parley.Core.Models;
using Parley.Core.Models.Exchange;
using Parley.Core.Models.Spatial;
using Parley.Formats;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Contracts.Tests;

/// <summary>The documented names of the exchange and SMP entries, checked on one model's run each.</summary>
public class EntryNameTests
{
    [Fact]
    public void The_exchange_entry_carries_the_documented_names()
    {
        var scenario = ScenarioFiles.Load(Fixtures.Path("inputs", "tiny-2x2.decide.txt")).ValueOrThrow();
        var json = ContractJson.Write(RunMapper.Map(scenario, [new EqualGainExchangeModel().Run(scenario, ModelSettings.Default)]));
        foreach (var name in new[] { "\"exchange\"", "\"forecast\"", "\"rounds\"", "\"round\": 1", "\"preference_outcome\"",
                     "\"voting_outcome\"", "\"exchanges\"", "\"actor_i\": \"Actor-2\"", "\"actor_j\": \"Actor-1\"",
                     "\"i_supplies\": \"Issue-2\"", "\"i_from\": 100", "\"i_to\": 80", "\"j_supplies\": \"Issue-1\"", "\"j_from\": 0",
                     "\"j_to\": 100", "\"gain\": 5", "\"externalities\"", "\"own\"", "\"inner_positive\"", "\"outer_negative\"" })
            Assert.Contains(name, json);
    }

    [Fact]
    public void The_smp_history_is_written_once_under_shared_and_each_issue_keeps_its_modal_class()
    {
        var scenario = ScenarioFiles.Load(Fixtures.Path("inputs", "SOE-Pol-Comp.csv")).ValueOrThrow();
        var result = new SpatialModelOfPolitics().Run(scenario, ModelSettings.Default);
        var document = RunMapper.Map(scenario, [result]);
        var json = ContractJson.Write(document);
        foreach (var key in new[] { "\"shared\": {", "\"smp\": {", "\"modal_class\"", "\"states\"", "\"state\": 0", "\"positions\"",
                     "\"probabilities\"", "\"bargains\"", "\"proposals\"", "\"chosen_by_receiver\"", "\"XJ\": [" })
            Assert.Contains(key, json);
        Assert.DoesNotContain("\"trajectory\"", json);
        Assert.Equal(1, json.Split("\"states\"").Length - 1);
        var first = Assert.IsType<SmpIssueResult>(result.Issues[0]);
        Assert.Equal(first.States.Count, document.Shared!.Smp!.States.Count);
        Assert.Equal(first.Issues, document.Shared.Smp.Issues);
        Assert.All(document.Issues, i => Assert.IsType<SmpEntry>(i.Models["smp"]));
    }
}
