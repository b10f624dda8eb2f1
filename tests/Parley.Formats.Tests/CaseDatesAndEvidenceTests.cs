using Parley.Core.Domain;
using Parley.Formats.Writing;

namespace Parley.Formats.Tests;

/// <summary>
/// The fields a coded past case needs: the decision date, each source's publication date, and the evidence for the
/// status quo and the outcome. They are read, checked, and written back.
/// </summary>
public class CaseDatesAndEvidenceTests
{
    private const string Case = """
        scenario:
          id: past-case
          title: A past case
          as_of: 2014-09-01
          decided: 2014-09-05
          sources:
            - {id: brief, title: A pre-summit brief, url: https://example.org/brief, published: 2014-08-28}
            - {id: text, title: The final text, published: 2014-09-05}
        issues:
          - id: spending
            title: Spending target
            scale: {min: 1, max: 3}
            status_quo: 1.5
            status_quo_evidence: {judgement: "the informal guideline in force"}
            outcome: 2
            outcome_evidence: {source: text, quote: "move towards the 2% guideline"}
        actors:
          - id: usa
            capability: 10
            positions:
              spending: {position: 3, salience: 0.9, evidence: {source: brief, quote: "the US wants more"}}
          - id: france
            capability: 5
            positions:
              spending: {position: 2, salience: 0.5, evidence: {judgement: "no evidence of priority"}}
        """;

    [Fact]
    public void Dates_and_evidence_are_read()
    {
        var s = TestRead.Valid(TestRead.FromYaml(Case));
        Assert.Equal(new DateOnly(2014, 9, 5), s.Metadata.Decided);
        Assert.Equal(new DateOnly(2014, 9, 1), s.Metadata.AsOf);
        Assert.Equal(new DateOnly(2014, 8, 28), s.Metadata.Sources.Single(x => x.Id == "brief").Published);
        var issue = s.Issue(new IssueId("spending"));
        Assert.Equal(new Evidence.Judgement("the informal guideline in force"), issue.StatusQuoEvidence);
        Assert.Equal(new Evidence.Quote("text", "move towards the 2% guideline"), issue.OutcomeEvidence);
    }

    [Fact]
    public void They_survive_a_round_trip_through_yaml_and_json()
    {
        var s = TestRead.Valid(TestRead.FromYaml(Case));
        foreach (var (text, file) in new[] { (ScenarioYamlWriter.Write(s), "back.yaml"), (ScenarioJsonWriter.Write(s), "back.json") })
        {
            var back = TestRead.Valid(ScenarioFiles.Parse(file, text));
            Assert.Equal(s.Metadata.Decided, back.Metadata.Decided);
            Assert.Equal(s.Metadata.Sources, back.Metadata.Sources);
            var (a, b) = (s.Issue(new IssueId("spending")), back.Issue(new IssueId("spending")));
            Assert.Equal(a.StatusQuoEvidence, b.StatusQuoEvidence);
            Assert.Equal(a.OutcomeEvidence, b.OutcomeEvidence);
        }
    }

    [Theory]
    [InlineData("decided: 2014-09-05", "decided: 5 Sept 2014", "scenario.decided: '5 Sept 2014' is not a date")]
    [InlineData("published: 2014-08-28}", "published: yesterday}", "published: 'yesterday' is not a date")]
    [InlineData("as_of: 2014-09-01", "as_of: 2014-09-06", "scenario.as_of: the evidence date 2014-09-06 is after the decision (2014-09-05)")]
    [InlineData("outcome_evidence: {source: text,", "outcome_evidence: {source: nowhere,", "unknown source 'nowhere'")]
    public void Bad_values_are_located_errors(string from, string to, string message)
    {
        var error = TestRead.SingleError(TestRead.FromYaml(Case.Replace(from, to)));
        Assert.Contains(message, error.ToString());
        Assert.True(error.Line > 0);
    }
}
