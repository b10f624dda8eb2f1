using Parley.Core.Domain;
using Parley.Formats.Tables;
using Parley.Tests.Shared;
using static Parley.Formats.Tests.TestRead;

namespace Parley.Formats.Tests;

public class TableCsvReaderTests
{
    private static Stance StanceOf(Scenario s, string actor) => s.StanceOf(new ActorId(actor), s.Issues[0].Id)!;

    [Fact]
    public void The_ec_emissions_table_reads_with_saliences_as_percent()
    {
        var result = ScenarioFiles.Load(Fixtures.Path("tables", "ec-emissions.csv"));
        var s = Valid(result);
        Assert.Equal("ec-emissions", s.Id);
        Assert.Equal(10, s.Actors.Count);
        var issue = Assert.Single(s.Issues);
        Assert.Equal((4.0, 10.0), (issue.Scale.Min, issue.Scale.Max));
        Assert.Equal(0.8, StanceOf(s, "Netherlands").Salience, 12);
        Assert.Equal(1.0, StanceOf(s, "Denmark").Salience, 12);
        Assert.Equal(7, StanceOf(s, "Greece").Position);
        Assert.Equal(0.03, s.Actor(new ActorId("Luxembourg")).Capability);
        Assert.Contains(result.Notices, n => n.Contains("saliences read as percent (0–100) because some exceed 1"));
    }

    [Fact]
    public void The_shared_ec_emissions_table_matches_the_fixture()
    {
        var shared = Valid(ScenarioFiles.Load(SharedAnchors.RequireFile("eum/ec-emissions.csv")));
        var own = Valid(ScenarioFiles.Load(Fixtures.Path("tables", "ec-emissions.csv")));
        Assert.Equal(own.Actors, shared.Actors);
        Assert.Equal(own.Stances, shared.Stances);
    }

    [Fact]
    public void The_shared_example_actors_table_reads_on_0_to_1()
    {
        var result = ScenarioFiles.Load(SharedAnchors.RequireFile("eum/ExampleActors.csv"));
        var s = Valid(result);
        Assert.Empty(result.Notices);
        Assert.Equal(10, s.Actors.Count);
        Assert.Equal(0.4, StanceOf(s, "Belgium").Salience);
    }

    [Fact]
    public void The_shared_sultan_table_reads_with_any_line_ending()
    {
        var path = SharedAnchors.RequireFile("eum/Sultan.csv");
        var content = File.ReadAllText(path).Replace("\r\n", "\n");
        var lf = Valid(FromCsv(content, "Sultan.csv"));
        var cr = Valid(FromCsv(content.Replace('\n', '\r'), "Sultan.csv"));   // the old-Mac line endings of the original
        var crlf = Valid(FromCsv(content.Replace("\n", "\r\n"), "Sultan.csv"));
        Assert.Equal(17, lf.Actors.Count);
        Assert.Equal((12.85, 14.25), (lf.Issues[0].Scale.Min, lf.Issues[0].Scale.Max));
        Assert.Equal(13.40, StanceOf(lf, "SULTAN").Position);
        Assert.Equal(lf.Stances, cr.Stances);
        Assert.Equal(lf.Stances, crlf.Stances);
        Assert.True(lf.HasActor(new ActorId("RELIGIOUS LEADERS")));
    }

    [Fact]
    public void Errors_in_a_cr_only_file_are_on_the_right_line()
    {
        var e = SingleError(FromCsv("Actor,Capability,Position,Salience\rA,1,2,0.5\rB,1,x,0.5\r"));
        Assert.Equal((3, 5), (e.Line, e.Column));
    }

    [Fact]
    public void The_header_is_case_insensitive_in_any_order_with_spaces()
    {
        var s = Valid(FromCsv(" actor , SALIENCE,position ,Capability\nA,0.5,1,2\nB,1,3,4\n"));
        Assert.Equal(0.5, StanceOf(s, "A").Salience);
        Assert.Equal(2, s.Actor(new ActorId("A")).Capability);
        Assert.Equal(3, StanceOf(s, "B").Position);
    }

    [Fact]
    public void A_missing_header_is_an_error()
    {
        var e = SingleError(FromCsv("Netherlands,0.08,4,80\nBelgium,0.08,7,40\n"));
        Assert.Equal(1, e.Line);
        Assert.Contains("Actor,Capability,Position,Salience", e.Allowed);
    }

    [Fact]
    public void A_misspelt_column_is_named_with_a_suggestion()
    {
        var e = SingleError(FromCsv("Actor,Capability,Position,Salince\nA,1,2,0.5\nB,1,3,0.5\n"));
        Assert.Equal((1, 27), (e.Line, e.Column));
        Assert.Equal("unknown column 'Salince'", e.Message);
        Assert.StartsWith("did you mean 'Salience'?", e.Allowed);
    }

    [Fact]
    public void Bad_cells_are_located_by_line_character_column_and_column_name()
    {
        var result = FromCsv("Actor,Capability,Position,Salience\n\"Bosnia, Herz.\",abc,2,0.5\nB,0,3,0.5\nC,1,NaN,0.5\nD,1,4,101\n");
        Assert.Equal(4, result.Errors.Count);
        Assert.Equal("table.csv:2:17: error: Capability: 'abc' is not a finite number (a number from 1e-9 to 1e12)", result.Errors[0].ToString());
        Assert.Equal((3, 3, "Capability"), (result.Errors[1].Line, result.Errors[1].Column, result.Errors[1].Field));
        Assert.Equal((4, 5, "Position"), (result.Errors[2].Line, result.Errors[2].Column, result.Errors[2].Field));
        Assert.Equal((5, 7, "Salience"), (result.Errors[3].Line, result.Errors[3].Column, result.Errors[3].Field));
    }

    [Fact]
    public void A_duplicate_actor_is_an_error()
    {
        var e = SingleError(FromCsv("Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3,0.5\nA,2,4,0.5\n"));
        Assert.Equal("duplicate actor 'A' (first on line 2)", e.Message);
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_an_error()
    {
        var e = SingleError(FromCsv("Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3\n"));
        Assert.Equal(3, e.Line);
        Assert.Contains("3 field(s)", e.Message);
    }

    [Fact]
    public void A_table_with_one_actor_is_an_error()
    {
        var e = SingleError(FromCsv("Actor,Capability,Position,Salience\nA,1,2,0.5\n"));
        Assert.Contains("at least two", e.Allowed);
    }

    [Fact]
    public void An_empty_table_is_an_error()
    {
        Assert.Equal("the file is empty", SingleError(FromCsv("")).Message);
    }

    [Fact]
    public void A_given_scale_is_used_and_checked()
    {
        var options = new ReadOptions { Scale = new Scale(0, 10) };
        var s = Valid(FromCsv("Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3,0.5\n", options: options));
        Assert.Equal((0.0, 10.0), (s.Issues[0].Scale.Min, s.Issues[0].Scale.Max));
        var e = SingleError(FromCsv("Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,13,0.5\n", options: options));
        Assert.Equal((3, 5, "Position"), (e.Line, e.Column, e.Field));
    }

    [Fact]
    public void Equal_positions_widen_the_scale_with_a_notice()
    {
        var result = FromCsv("Actor,Capability,Position,Salience\nA,1,5,0.5\nB,1,5,0.5\n");
        var s = Valid(result);
        Assert.Equal((4.0, 6.0), (s.Issues[0].Scale.Min, s.Issues[0].Scale.Max));
        Assert.Contains(result.Notices, n => n.Contains("widened to 4..6"));
    }

    [Fact]
    public void Saliences_all_at_most_1_stay_as_shares()
    {
        var result = FromCsv("Actor,Capability,Position,Salience\nA,1,5,1\nB,1,6,0.25\n");
        Assert.Equal(1, StanceOf(Valid(result), "A").Salience);
        Assert.Empty(result.Notices);
    }

    [Fact]
    public void The_reader_recognises_its_header_only()
    {
        var reader = new TableCsvReader();
        Assert.True(reader.Recognises("\uFEFFActor, capability ,Position,Salience\r\nA,1,2,3"));
        Assert.False(reader.Recognises("Actor,Capability,Position,Salience,Extra\nA,1,2,3,4"));
        Assert.False(reader.Recognises("scenario,ktab\n"));
        Assert.False(reader.Recognises(""));
    }

    [Fact]
    public void A_csv_file_is_read_by_the_csv_reader()
    {
        Assert.Equal("csv", ScenarioFiles.All.Single(r => r.Extensions.Contains(".csv")).Format);
        Assert.True(FromCsv("Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3,0.5\n", "my table.csv").Ok);
        Assert.Equal("my-table", Valid(FromCsv("Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3,0.5\n", "my table.csv")).Id);
    }
}
