using Parley.Core.Domain;
using static Parley.Formats.Tests.TestRead;

namespace Parley.Formats.Tests;

/// <summary>
/// The issue field <c>reversion</c> and the actor and stance field <c>opt_out</c> (and <c>veto: false</c>): read, refused
/// with located errors, written back.
/// </summary>
public class ReversionAndOptOutFieldTests
{
    /// <summary>Minimal with one line added under the issue (at 4 spaces) or replacing the france actor's block.</summary>
    private static string WithIssueLine(string line) =>
        Minimal.Replace("    scale: {min: 2, max: 5}\n", "    scale: {min: 2, max: 5}\n    " + line + "\n");

    private static Issue Spending(Scenario s) => s.Issue(new IssueId("spending"));

    [Fact]
    public void Without_the_field_there_is_no_reversion_and_the_disagreement_point_is_the_status_quo()
    {
        var issue = Spending(Valid(FromYaml(WithIssueLine("status_quo: 2"))));
        Assert.Null(issue.Reversion);
        Assert.Equal(2, issue.DisagreementPoint);
    }

    [Fact]
    public void Status_quo_is_the_default_reversion()
    {
        var r = Spending(Valid(FromYaml(WithIssueLine("reversion: status_quo")))).Reversion!;
        Assert.True(r.IsStatusQuo);
    }

    [Fact]
    public void A_point_a_cost_and_per_actor_costs_are_read()
    {
        var s = Valid(FromYaml(WithIssueLine("status_quo: 2\n    reversion: {point: 2.5, cost: 0.4, costs: {usa: 0}}")));
        var issue = Spending(s);
        var r = issue.Reversion!;
        Assert.Equal(2.5, r.Point);
        Assert.Equal(0.4, r.CostFor(new ActorId("france")));
        Assert.Equal(0, r.CostFor(new ActorId("usa")));
        Assert.Equal(2.5, issue.DisagreementPoint);
        Assert.False(r.IsStatusQuo);
    }

    [Theory]
    [InlineData("reversion: failure", "8:16: error: issues[spending].reversion: unknown reversion 'failure'")]
    [InlineData("reversion: {point: 9}", "8:24: error: issues[spending].reversion.point: 9 lies outside the issue's scale")]
    [InlineData("reversion: {cost: -1}", "8:23: error: issues[spending].reversion.cost: cost -1 is negative")]
    [InlineData("reversion: {costs: {usa: abc}}", "8:30: error: issues[spending].reversion.costs.usa:")]
    [InlineData("reversion: {costs: {nobody: 1}}", "issues[spending].reversion.costs.nobody: unknown actor 'nobody'")]
    [InlineData("reversion: {cots: 1}", "8:17: error: issues[spending].reversion.cots: unknown field")]
    public void A_bad_reversion_is_a_located_error(string line, string expected)
    {
        var e = SingleError(FromYaml(WithIssueLine(line))).ToString();
        Assert.Contains(expected, e);
    }

    [Fact]
    public void Veto_and_opt_out_are_read_per_actor_and_opt_out_per_stance()
    {
        var yaml = Minimal
            .Replace("  - id: usa\n    capability: 10\n", "  - id: usa\n    capability: 10\n    veto: false\n    opt_out: true\n")
            .Replace("spending: {position: 3, salience: 0.5}", "spending: {position: 3, salience: 0.5, opt_out: false}");
        var s = Valid(FromYaml(yaml));
        var usa = s.Actor(new ActorId("usa"));
        Assert.False(usa.Veto);
        Assert.True(usa.OptOut);
        Assert.Null(s.Actor(new ActorId("france")).Veto);
        Assert.False(s.StanceOf(new ActorId("france"), new IssueId("spending"))!.OptOut);
        Assert.Null(s.StanceOf(new ActorId("usa"), new IssueId("spending"))!.OptOut);
    }

    [Fact]
    public void A_non_boolean_opt_out_is_a_located_error() =>
        Assert.Contains("opt_out", SingleError(FromYaml(Minimal.Replace("    capability: 5\n", "    capability: 5\n    opt_out: maybe\n"))).ToString());

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void The_writer_keeps_reversion_veto_false_and_opt_outs(string format)
    {
        var yaml = WithIssueLine("status_quo: 2\n    reversion: {cost: 0.4, costs: {usa: 0.1}}")
            .Replace("  - id: usa\n    capability: 10\n", "  - id: usa\n    capability: 10\n    veto: false\n    opt_out: true\n")
            .Replace("spending: {position: 3, salience: 0.5}", "spending: {position: 3, salience: 0.5, opt_out: false}");
        var s = Valid(FromYaml(yaml));
        var text = format == "yaml" ? Writing.ScenarioYamlWriter.Write(s) : Writing.ScenarioJsonWriter.Write(s);
        var back = Valid(format == "yaml" ? FromYaml(text) : FromJson(text));
        ScenarioEquivalence.AssertEquivalent(s, back);
        if (format == "yaml")
        {
            Assert.Contains("    reversion:\n      cost: 0.4\n      costs: {usa: 0.1}\n", text);
            Assert.Contains("    veto: false\n    opt_out: true\n", text);
        }
    }
}
