using Xunit;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;

namespace Parley.Core.Tests.Models;

/// <summary>A setting's declaration carries its default once: `parley models` shows it, a run reads it, a check refuses bad values.</summary>
public class TypedParameterTests
{
    public enum Mode { Fixed, MedianStable }

    [Fact]
    public void The_declared_default_is_the_text_shown_and_the_value_read()
    {
        var rounds = new IntParameter("rounds", "rounds", 10, 0, 100);
        var q = new DoubleParameter("q", "q", 1.0, 0, 1);
        var risk = new BoolParameter("risk", "risk", true);
        var stop = new ChoiceParameter<Mode>("stop", "stop", Mode.MedianStable);
        Assert.Equal(["10", "1", "on", "median-stable"], new ModelParameter[] { rounds, q, risk, stop }.Select(p => p.Default));
        var none = ModelSettings.Default;
        Assert.Equal((10, 1.0, true, Mode.MedianStable), (rounds.Read(none), q.Read(none), risk.Read(none), stop.Read(none)));
        var given = none.With("rounds", "3").With("q", "0.25").With("risk", "off").With("stop", "Fixed");
        Assert.Equal((3, 0.25, false, Mode.Fixed), (rounds.Read(given), q.Read(given), risk.Read(given), stop.Read(given)));
    }

    [Theory]
    [InlineData("rounds", "101", "setting 'rounds': '101' is not a whole number in 0..100")]
    [InlineData("q", "2", "setting 'q': 2 is not in 0..1")]
    [InlineData("risk", "maybe", "setting 'risk': 'maybe' is not on/off (true/false)")]
    [InlineData("stop", "never", "setting 'stop': 'never' is not one of fixed, medianstable")]
    public void A_declared_setting_is_checked_without_a_run(string name, string value, string message)
    {
        var info = new ModelInfo("m", "m", "m", Parameters:
        [
            new IntParameter("rounds", "rounds", 10, 0, 100), new DoubleParameter("q", "q", 1.0, 0, 1),
            new BoolParameter("risk", "risk", true), new ChoiceParameter<Mode>("stop", "stop", Mode.Fixed),
        ]);
        var e = Assert.Throws<ModelSettingException>(() => ModelSettings.Default.With(name, value).Check(info));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_model_with_typed_settings_needs_no_check_of_its_own()
    {
        var nash = new NashBargainingModel();
        Assert.Equal(["quadratic", "pin"], nash.Info.Parameters.Select(p => p.Default));
        var e = Assert.Throws<ModelSettingException>(() => nash.CheckSettings(ModelSettings.Default.With("utility", "cubic")));
        Assert.StartsWith("setting 'utility': 'cubic' is not one of", e.Message);
    }
}
