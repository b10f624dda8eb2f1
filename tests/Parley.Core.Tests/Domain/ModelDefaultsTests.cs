using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Xunit;

namespace Parley.Core.Tests.Domain;

/// <summary>A scenario's per-model settings (<see cref="Scenario.ModelDefaults"/>): checks, copies and precedence.</summary>
public class ModelDefaultsTests
{
    private static readonly IssueId Budget = new("budget");

    private static Scenario Toy(params ModelDefaults[] defaults) => new(
        new ScenarioMetadata("toy", "Toy"),
        [new Actor(new ActorId("a"), "A", 1), new Actor(new ActorId("b"), "B", 2), new Actor(new ActorId("c"), "C", 3)],
        [new Issue(Budget, "Budget", new Scale(0, 100), statusQuo: 0)],
        [
            new Stance(new ActorId("a"), Budget, 20, 0.5),
            new Stance(new ActorId("b"), Budget, 40, 1),
            new Stance(new ActorId("c"), Budget, 60, 0.2),
        ],
        modelDefaults: defaults);

    private static readonly ModelDefaults Smp = new("smp", [new ModelSetting("vpm", "quartic"), new ModelSetting("voting", "binary")], 7);

    [Fact]
    public void A_scenario_keeps_its_model_settings_and_finds_them_by_model()
    {
        var s = Toy(Smp, new ModelDefaults("eum", [new ModelSetting("variant", "paper")]));
        Assert.Equal(2, s.ModelDefaults.Count);
        Assert.Same(Smp, s.ModelDefaultsFor("SMP"));
        Assert.Equal("quartic", s.ModelDefaultsFor("smp")!.Get("VPM"));
        Assert.Null(s.ModelDefaultsFor("nash"));
        Assert.Empty(Toy().ModelDefaults);
    }

    [Fact]
    public void An_unknown_model_or_setting_is_refused_naming_it()
    {
        // the domain does not know the models: the registry a scenario is read for judges its settings
        var model = ModelRegistry.BuiltIn.DefaultsProblem(new ModelDefaults("smpp", [new ModelSetting("vpm", "quartic")]));
        Assert.Contains("unknown model 'smpp'", model);
        Assert.Contains("smp", model);
        var setting = ModelRegistry.BuiltIn.DefaultsProblem(new ModelDefaults("smp", [new ModelSetting("vmp", "quartic")]));
        Assert.Contains("'smp' has no setting 'vmp'", setting);
        Assert.Null(ModelRegistry.BuiltIn.DefaultsProblem(Smp));
        var twice = Assert.Throws<ArgumentException>(() => Toy(Smp, new ModelDefaults("Smp", [])));
        Assert.Contains("given twice", twice.Message);
        Assert.Throws<ArgumentException>(() => new ModelDefaults("smp", [new ModelSetting("vpm", "a"), new ModelSetting("VPM", "b")]));
        Assert.Throws<ArgumentException>(() => new ModelDefaults("smp", [new ModelSetting("seed", "7")]));
    }

    [Fact]
    public void Copies_keep_the_model_settings()
    {
        var s = Toy(Smp);
        Assert.Equal(s.ModelDefaults, s.With(actors: s.Actors.Take(2).ToArray()).ModelDefaults);
        Assert.Equal(s.ModelDefaults, s.Apply([new Intervention(0, new ActorId("a"), InterventionKind.Remove)]).ModelDefaults);
    }

    [Fact]
    public void The_command_line_overrides_the_scenario_which_overrides_the_model()
    {
        var cli = ModelSettings.Default.With("vpm", "linear") with { Seed = 99 };
        var merged = cli.OverScenario(Smp, seedGiven: true);
        Assert.Equal("linear", merged.GetString("vpm", "?"));
        Assert.Equal("binary", merged.GetString("voting", "?"));
        Assert.Equal("prop", merged.GetString("nothing-here", "prop"));
        Assert.Equal(99UL, merged.Seed);
        Assert.Equal(7UL, ModelSettings.Default.OverScenario(Smp, seedGiven: false).Seed);
        Assert.Same(cli, cli.OverScenario(null, seedGiven: false));
    }

    [Fact]
    public void A_value_the_model_cannot_use_is_refused_by_the_registry()
    {
        Assert.Equal("Model 'eum': setting 'q': 2 is not in 0..1.",
            ModelRegistry.BuiltIn.DefaultsProblem(new ModelDefaults("eum", [new ModelSetting("q", "2")])));
        Assert.Contains("'quadratic' is not one of",
            ModelRegistry.BuiltIn.DefaultsProblem(new ModelDefaults("smp", [new ModelSetting("vpm", "quadratic")])));
        Assert.Null(ModelRegistry.BuiltIn.DefaultsProblem(new ModelDefaults("eum", [new ModelSetting("q", "0.5")]))); // a usable value is kept
    }

    [Fact]
    public void An_error_about_a_scenario_setting_names_the_scenario_field()
    {
        var defaults = new ModelDefaults("eum", [new ModelSetting("q", "2")]);
        var settings = ModelSettings.Default.OverScenario(defaults, seedGiven: false);
        var e = Assert.Throws<ModelSettingException>(() => new ExpectedUtilityModel().CheckSettings(settings));
        Assert.Contains("setting 'q' (from the scenario's model_settings.eum.q)", e.Message);
        // the same value from the command line keeps the usual message, and a run refuses it the same way
        var cli = Assert.Throws<ModelSettingException>(() => new ExpectedUtilityModel().Run(Toy(), ModelSettings.Default.With("q", "2")));
        Assert.StartsWith("setting 'q': ", cli.Message);
    }
}
