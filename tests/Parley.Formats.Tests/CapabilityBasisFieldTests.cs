using Parley.Core.Power;
using static Parley.Formats.Tests.TestRead;

namespace Parley.Formats.Tests;

/// <summary>The top-level <c>capability_basis</c> field: read, refused with a located error, written back.</summary>
public class CapabilityBasisFieldTests
{
    private static string With(string line) => line + "\n" + Minimal;

    [Fact]
    public void Without_the_field_the_basis_is_unset() => Assert.Null(Valid(FromYaml(Minimal)).CapabilityBasis);

    [Theory]
    [InlineData("resources", "resources")]
    [InlineData("voting-power", "voting-power")]
    [InlineData("mix", "mix")]
    [InlineData("mix:0.3", "mix:0.3")]
    public void Each_basis_is_read(string value, string expected) =>
        Assert.Equal(expected, Valid(FromYaml(With($"capability_basis: {value}"))).CapabilityBasis!.ToString());

    [Fact]
    public void An_unknown_basis_is_a_located_error_naming_what_is_allowed()
    {
        var e = SingleError(FromYaml(With("capability_basis: power")));
        Assert.Equal("test.yaml:1:19: error: capability_basis: 'power' is not a capability basis (" + CapabilityBasis.Allowed + ")", e.ToString());
        Assert.Contains("mix:ALPHA", SingleError(FromYaml(With("capability_basis: mix:2"))).ToString());
        Assert.Contains("capability_basis", SingleError(FromYaml(With("capability_basis: [voting-power]"))).ToString());
    }

    [Fact]
    public void A_misspelt_field_gets_a_suggestion() =>
        Assert.Contains("capability_basis", SingleError(FromYaml(With("capability_bases: voting-power"))).ToString());

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void The_writer_keeps_the_basis(string format)
    {
        var s = Valid(FromYaml(With("capability_basis: mix:0.25")));
        var text = format == "yaml" ? Writing.ScenarioYamlWriter.Write(s) : Writing.ScenarioJsonWriter.Write(s);
        var back = Valid(format == "yaml" ? FromYaml(text) : FromJson(text));
        Assert.Equal(CapabilityBasis.Mix(0.25), back.CapabilityBasis);
    }
}
