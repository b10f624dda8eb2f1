using FsCheck;
using FsCheck.Fluent;
using Parley.Core.Domain;
using Parley.Formats.Deu;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Formats.Tests.Deu;

/// <summary>The DEU reader on a hand-made fixture in the DEU format (invented values, not DEU rows).</summary>
public sealed class DeuReaderTests
{
    private static DeuDataset Mini() => DeuReader.Load(Fixtures.Path("deu", "mini.tsv")).ValueOrThrow();

    [Fact]
    public void Reads_every_issue_row_and_the_GDP_row()
    {
        var d = Mini();
        Assert.Equal(["d01001i1", "d01001i2", "n05002i1", "n05002i2", "d16003i1", "d16003i2"], d.Issues.Select(i => i.IssueId));
        Assert.Equal(3, d.Issues.Select(i => i.ProposalId).Distinct().Count());
        Assert.Equal(7, d.GdpRow!.Count);
        Assert.Equal(2.5, d.GdpRow["de"]);
        Assert.Equal(3, d.Issues[0].Line);
    }

    [Fact]
    public void Blank_positions_leave_the_actor_out_and_blank_saliences_stay_missing()
    {
        var i = Mini().Issues[0];
        Assert.Equal(["com", "ep", "de", "fr", "nl"], i.Stances.Select(s => s.Actor));
        Assert.Null(i.Stances.Single(s => s.Actor == "fr").Salience);
        Assert.Equal(90, i.Stances[0].Salience);
        Assert.Equal(0, i.ReferencePoint);
        Assert.Equal(60, i.Outcome);
        Assert.Null(Mini().Issues[1].ReferencePoint);
        Assert.Null(Mini().Issues[3].Outcome);
    }

    [Fact]
    public void Reads_the_three_date_shapes_and_the_missing_code()
    {
        var d = Mini();
        Assert.Equal(new DateOnly(2001, 3, 15), d.Issues[0].Introduced);        // 15-03-01
        Assert.Equal(new DateOnly(2002, 11, 20), d.Issues[0].FinalAct);         // 2020-11-02: spreadsheet rewrite of 20-11-02
        Assert.Equal(new DateOnly(2005, 3, 12), d.Issues[2].Introduced);        // 2012-03-05: rewrite of 12-03-05
        Assert.Equal(new DateOnly(2006, 6, 8), d.Issues[2].FinalAct);           // 08-06-2006
        Assert.Null(d.Issues[4].FinalAct);                                      // 999
        Assert.Equal(453, d.MedianAdoptionLag());                               // lags 615, 615, 453, 453: lower median
        Assert.Equal(new DateOnly(2016, 2, 10).AddDays(453), d.Issues[4].DecisionDate(d.MedianAdoptionLag()));
    }

    [Fact]
    public void A_scenario_has_the_Commission_as_setter_the_Council_rule_and_the_Parliament_veto_under_codecision()
    {
        var d = Mini();
        var cod = DeuDataset.ToScenario(d.Issues.Take(2).ToArray(), EuCouncil.RegimeAt(new DateOnly(2002, 11, 20)));
        Assert.Equal(new ActorId("com"), cod.AgendaSetter);
        Assert.True(cod.Actor(new ActorId("ep")).Veto);
        Assert.False(cod.Actor(new ActorId("de")).Veto);
        Assert.Equal("council", cod.Actor(new ActorId("de")).Group);
        var i1 = cod.Issue(new IssueId("d01001i1"));
        Assert.Equal(0, i1.StatusQuo);
        Assert.Equal(60, i1.Outcome);
        var qmv = Assert.IsType<DecisionRule.QualifiedMajority>(i1.DecisionRule);
        Assert.Equal(62.0 / 87.0, qmv.Threshold, 12);
        Assert.Equal(10, qmv.Weights![new ActorId("de")]);
        Assert.Null(cod.Issue(new IssueId("d01001i2")).StatusQuo);
        Assert.Equal(0.0, cod.StanceOf(new ActorId("fr"), new IssueId("d01001i1"))!.Salience); // missing salience → 0
        Assert.Equal(0.9, cod.StanceOf(new ActorId("com"), new IssueId("d01001i1"))!.Salience, 12);

        var cns = d.Issues[2].ToScenario(EuCouncil.RegimeAt(new DateOnly(2006, 6, 8)));
        Assert.IsType<DecisionRule.Consensus>(cns.Issue(new IssueId("n05002i1")).DecisionRule);
        Assert.False(cns.Actor(new ActorId("ep")).Veto); // consultation: no veto for the Parliament
    }

    [Fact]
    public void QMV_without_a_known_regime_is_71_percent_of_the_positioned_member_states()
    {
        var rule = Assert.IsType<DecisionRule.QualifiedMajority>(Mini().Issues[0].CouncilRule(null));
        Assert.Equal(0.71, rule.Threshold);
        Assert.Equal(["de", "fr", "nl"], rule.Weights!.Keys.Select(k => k.Value).Order());
    }

    [Fact]
    public void Malformed_rows_are_reported_with_line_column_and_field()
    {
        var r = DeuReader.Load(Fixtures.Path("deu", "malformed.tsv"));
        Assert.False(r.Ok);
        var messages = r.Errors.Select(e => e.ToString()).ToArray();
        Assert.Equal(4, r.Errors.Count);
        Assert.Contains(r.Errors, e => e.Line == 3 && e.Column == 96 && e.Field == "pde" && e.Message.Contains("'abc' is not a number"));
        Assert.Contains(r.Errors, e => e.Line == 5 && e.Column == 106 && e.Field == "ppl" && e.Message.Contains("out of range"));
        Assert.Contains(r.Errors, e => e.Line == 6 && e.Field == "row" && e.Message.Contains("26 fields, the header has 29"));
        Assert.Contains(r.Errors, e => e.Line == 7 && e.Column == 70 && e.Field == "intro" && e.Message.Contains("not a valid date"));
        Assert.All(messages, m => Assert.Matches(@"malformed\.tsv:\d+:\d+: error: \w+: ", m));
    }

    [Fact]
    public void A_file_without_the_DEU_columns_is_refused_and_not_recognised()
    {
        const string csv = "Actor,Capability,Position,Salience\nA,1,2,3\n";
        Assert.False(DeuReader.Recognises(csv));
        Assert.True(DeuReader.Recognises(File.ReadAllText(Fixtures.Path("deu", "mini.tsv"))));
        var r = DeuReader.Read("x.csv", csv);
        Assert.False(r.Ok);
        Assert.Contains(r.Errors, e => e.Line == 1 && e.Message.Contains("column 'isnr' is missing"));
    }

    [Fact]
    public void Every_date_shape_reads_back_the_date_it_was_written_from()
    {
        var dates = Gen.Choose(0, 365 * 30).Select(n => new DateOnly(1996, 1, 1).AddDays(n));
        Prop.ForAll(dates.ToArbitrary(), date =>
        {
            string dd = date.Day.ToString("00"), mm = date.Month.ToString("00"), yy = (date.Year % 100).ToString("00");
            var shapes = new[]
            {
                $"{dd}-{mm}-{yy}",                                                    // DD-MM-YY
                $"{dd}-{mm}-{date.Year}",                                             // DD-MM-YYYY
                $"{(date.Day >= 30 ? 1900 : 2000) + date.Day}-{mm}-{yy}",            // a spreadsheet's YY-MM-DD rewrite
            };
            foreach (var s in shapes)
                if (!DeuDate.TryParse(s, out var d, out var err) || d != date)
                    throw new Exception($"{s} read as {d} ({err}), expected {date}");
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("999")]
    [InlineData("")]
    public void Missing_value_codes_read_as_no_date(string text)
    {
        Assert.True(DeuDate.TryParse(text, out var d, out _));
        Assert.Null(d);
    }
}
