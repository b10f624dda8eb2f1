using Parley.Core.Models.Exchange;
using Parley.Core.Modelling;
using Parley.Formats.Json;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Formats.Tests.Decide;

public class ExchangeJsonTests
{
    [Fact]
    public void The_exchange_entry_carries_the_documented_names()
    {
        var scenario = ScenarioFiles.Load(Fixtures.Path("exchange", "tiny-2x2.decide.txt")).ValueOrThrow();
        var result = new EqualGainExchangeModel().Run(scenario, ModelSettings.Default);
        var json = ForecastJson.Write(ForecastJson.Build(scenario, [result]));
        foreach (var name in new[] { "\"exchange\"", "\"forecast\"", "\"rounds\"", "\"round\": 1", "\"preference_outcome\"",
                     "\"voting_outcome\"", "\"exchanges\"", "\"actor_i\": \"Actor-2\"", "\"actor_j\": \"Actor-1\"",
                     "\"i_supplies\": \"Issue-2\"", "\"i_from\": 100", "\"i_to\": 80", "\"j_supplies\": \"Issue-1\"", "\"j_from\": 0",
                     "\"j_to\": 100", "\"gain\": 5", "\"externalities\"", "\"own\"", "\"inner_positive\"", "\"outer_negative\"" })
            Assert.Contains(name, json);
    }
}
