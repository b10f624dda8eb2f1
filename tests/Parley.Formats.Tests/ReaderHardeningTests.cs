using System.Diagnostics;
using Parley.Core.Domain;
using Parley.Formats.Deu;
using Parley.Formats.Ktab;
using Parley.Tests.Shared;
using static Parley.Formats.Tests.TestRead;

namespace Parley.Formats.Tests;

/// <summary>
/// The defects a fuzzing campaign found in the readers, each as the input that showed it: every one must now be a
/// located diagnostic (never an exception, never a run out of memory), bounded in length.
/// </summary>
public sealed class ReaderHardeningTests
{
    private static LoadResult<Scenario> Parse(string file, string content, string? format = null, ReadOptions? options = null)
    {
        var reader = ScenarioFiles.All.Single(r => r.Format == (format ?? FormatOf(file)));
        return reader.Read(file, content, options ?? ReadOptions.Default); // the reader itself, without ScenarioFiles' safety net
    }

    private static string FormatOf(string file) => Path.GetExtension(file) switch
    {
        ".yaml" => "yaml",
        ".json" => "json",
        ".xml" => "ktab",
        ".txt" => "decide",
        _ => "csv",
    };

    private static Diagnostic Error(LoadResult<Scenario> result, string contains)
    {
        Assert.False(result.Ok);
        var hit = result.Errors.FirstOrDefault(e => e.ToString().Contains(contains, StringComparison.Ordinal));
        Assert.True(hit is not null, $"no error contains \"{contains}\"; got:\n" + string.Join("\n", result.Errors));
        return hit!;
    }

    // ------------------------------------------------------------------ 1: KTAB XML, duplicate names + IdealAdjustment

    [Fact]
    public void Ktab_xml_with_a_duplicate_actor_name_and_an_ideal_adjustment_is_a_located_error()
    {
        var xml = KtabSampleXml.Create("dup", 1, adjustments: [("Alice", "Alice", "0.5"), ("Alice", "Bob", "0.2")])
            .Replace("<name>Carol</name>", "<name>Alice</name>");
        var e = Error(Parse("dup.xml", xml), "already defined");
        Assert.Equal("actor", e.Field);
        Assert.True(e.Line > 0);
    }

    // ------------------------------------------------------------------ 2: KTAB CSV counts

    [Theory]
    [InlineData("1073741824")] // 2^30: 3 + 2n overflowed to a negative field count
    [InlineData("2147483647")] // int.MaxValue: an array of 2^31 names
    [InlineData("99999999999999999999")]
    public void A_huge_ktab_dimension_count_is_refused_before_anything_is_allocated(string count)
    {
        var csv = $"n,d,2,{count}\nActor,Description,Power,D1,S1\na,a,1,10,50\nb,b,1,20,50\n";
        var e = Error(Parse("k.csv", csv, "ktab"), "number of dimensions");
        Assert.Equal((1, 7), (e.Line, e.Column));
        Assert.Contains("1,000", e.Allowed);
    }

    [Fact]
    public void A_huge_ktab_actor_count_or_row_count_is_refused()
    {
        Error(Parse("k.csv", "n,d,2147483647,1\nActor,Description,Power,D1,S1\na,a,1,10,50\n", "ktab"), "number of actors");
        var rows = string.Concat(Enumerable.Range(0, KtabReader.MaxActors + 1).Select(i => $"a{i},a,1,10,50\n"));
        Error(Parse("k.csv", $"n,d,{KtabReader.MaxActors + 1},1\nActor,Description,Power,D1,S1\n" + rows, "ktab"), "number of actors");
        Error(Parse("k.csv", "n,d,3,1\nActor,Description,Power,D1,S1\n" + rows, "ktab"), "actor rows");
    }

    [Fact]
    public void A_ktab_row_of_a_million_commas_is_refused_without_splitting_it()
    {
        var csv = "n,d,2,1\nActor,Description,Power,D1,S1\na,a,1,10,50\nb,b,1,20,50" + new string(',', 1_000_000) + "\n";
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Error(Parse("k.csv", csv, "ktab"), "more than");
        Assert.Equal(4, e.Line);
        // splitting would make a million field records (tens of MB); counting the commas allocates almost nothing
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 20_000_000);
    }

    // ------------------------------------------------------------------ 3: JSON lone surrogate

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00")]
    [InlineData("a\\ud800b")]
    public void A_json_string_with_a_lone_surrogate_is_a_located_error(string text)
    {
        var e = Error(Parse("s.json", "{\n  \"scenario\": {\"id\": \"x\", \"title\": \"" + text + "\"}\n}"), "unpaired surrogate");
        Assert.Equal(2, e.Line);
    }

    // ------------------------------------------------------------------ 4: decide issue without stances

    [Fact]
    public void A_decide_issue_nobody_takes_a_stance_on_is_a_located_error()
    {
        const string decide = "'#A'\t'a'\t'a'\n'#A'\t'b'\t'b'\n'#P'\t'i'\t'i'\n'#P'\t'empty'\t'no stances'\n"
                              + "'#D'\t'a'\t'i'\t10\t0.5\t1\n'#D'\t'b'\t'i'\t90\t0.5\t1\n";
        var e = Error(Parse("d.txt", decide), "no #D stance");
        Assert.Equal((4, "issue"), (e.Line, e.Field));
        Assert.Contains("'empty'", e.Message);
    }

    // ------------------------------------------------------------------ 5: numeric bounds, in every reader

    [Theory]
    [InlineData("capability: 10", "capability: 1e308", "capability")]
    [InlineData("capability: 10", "capability: 4.9e-324", "capability")]
    [InlineData("capability: 10", "capability: 1e-300", "capability")]
    [InlineData("capability: 10", "capability: 1.1e12", "capability")]
    [InlineData("scale: {min: 2, max: 5}", "scale: {min: 2, max: 1e308}", "scale.max")]
    [InlineData("scale: {min: 2, max: 5}", "scale: {min: -1e13, max: 5}", "scale.min")]
    [InlineData("scale: {min: 2, max: 5}", "scale: {min: 1e11, max: 100000000001}", "scale.max")]
    [InlineData("salience: 0.9}", "salience: 4.9e-324}", "salience")]
    [InlineData("position: 3,", "position: 4.9e-324,", "spending.position")]
    [InlineData("scale: {min: 2, max: 5}", "scale: {min: 1e-300, max: 5}", "scale.min")]
    [InlineData("salience: 0.9}", "salience: 0.9, capability: 1e300}", "spending.capability")]
    [InlineData("capability: 10", "capability: 10\n    capability_range: {low: 1, high: 1e300}", "capability_range.high")]
    public void Numbers_beyond_the_bounds_are_located_errors_in_yaml(string from, string to, string field)
    {
        var e = SingleError(FromYaml(Minimal.Replace(from, to)));
        Assert.EndsWith(field, e.Field);
        Assert.True(e.Line > 0 && e.Column > 0);
    }

    [Fact]
    public void The_extremes_inside_the_bounds_are_read()
    {
        var s = Valid(FromYaml(Minimal.Replace("scale: {min: 2, max: 5}", "scale: {min: -1e12, max: 1e12}")
            .Replace("position: 5,", "position: 1e12,").Replace("position: 3,", "position: -1e12,")
            .Replace("capability: 10", "capability: 1e12").Replace("capability: 5", "capability: 1e-9")
            .Replace("salience: 0.9", "salience: 1e-9")));
        Assert.Equal(1e-9, s.Actors[1].Capability);
    }

    [Fact]
    public void Numbers_beyond_the_bounds_are_located_errors_in_every_other_reader()
    {
        Error(Parse("t.csv", "Actor,Capability,Position,Salience\nA,1e308,2,0.5\nB,1,3,0.5\n"), "Capability");
        Error(Parse("t.csv", "Actor,Capability,Position,Salience\nA,1,1e300,0.5\nB,1,3,0.5\n"), "Position");
        Error(Parse("t.csv", "Actor,Capability,Position,Salience\nA,5e-324,2,0.5\nB,1,3,0.5\n"), "Capability");
        // a subnormal position made the exchange model's exact decimals overflow their table (found by the CLI test)
        Error(Parse("t.csv", "Actor,Capability,Position,Salience\nA,1,4.9e-324,0.5\nB,1,3,0.5\n"), "too close to 0");
        Error(Parse("k.xml", KtabSampleXml.Create("x", 1).Replace("<dCoord>12</dCoord>", "<dCoord>1e-300</dCoord>")), "too close to 0");
        Error(Parse("k.xml", KtabSampleXml.Create("x", 1).Replace("<capability>50</capability>", "<capability>1e300</capability>")), "capability");
        Error(Parse("k.xml", KtabSampleXml.Create("x", 1).Replace("<dSal>40</dSal>", "<dSal>1e-300</dSal>")), "too small");
        Error(Parse("d.txt", "'#A'\t'a'\n'#A'\t'b'\n'#P'\t'i'\n'#M'\t'i'\t0\t'low'\n'#M'\t'i'\t1e300\t'high'\n"
                             + "'#D'\t'a'\t'i'\t0\t0.5\t1\n'#D'\t'b'\t'i'\t1\t0.5\t1\n"), "1E+300 is beyond");
        Error(Parse("d.txt", "'#A'\t'a'\n'#A'\t'b'\n'#P'\t'i'\n'#D'\t'a'\t'i'\t0\t0.5\t1e-300\n'#D'\t'b'\t'i'\t1\t0.5\t1\n"), "power");
    }

    [Fact]
    public void The_domain_constructors_refuse_numbers_beyond_the_bounds()
    {
        Assert.Throws<ArgumentException>(() => new Actor(new ActorId("a"), "a", 1e308));
        Assert.Throws<ArgumentException>(() => new Actor(new ActorId("a"), "a", double.Epsilon));
        Assert.Throws<ArgumentException>(() => new Scale(0, 1e300));
        Assert.Throws<ArgumentException>(() => new Scale(0, 1e-12));
        Assert.Throws<ArgumentException>(() => new Stance(new ActorId("a"), new IssueId("i"), 1e13, 0.5));
        Assert.Throws<ArgumentException>(() => new Stance(new ActorId("a"), new IssueId("i"), 1, 1e-300));
        Assert.Throws<ArgumentException>(() => new Stance(new ActorId("a"), new IssueId("i"), 1, 0.5) { Capability = 1e300 });
        Assert.Throws<ArgumentException>(() => new InputRange(0, 1e300));
        Assert.Throws<ArgumentException>(() => new Stance(new ActorId("a"), new IssueId("i"), 4.9e-324, 0.5));
        Assert.Throws<ArgumentException>(() => new Issue(new IssueId("i"), "i", new Scale(0, 1), statusQuo: 1e-200));
        Assert.Null(InputBounds.Weight(0));
        Assert.Null(InputBounds.SalienceFloor(0));
    }

    // ------------------------------------------------------------------ 8: XML nesting

    [Fact]
    public void Deeply_nested_ktab_xml_is_refused_quickly()
    {
        const int n = 200_000; // 1.4 MB: the tree parser took minutes on it
        var xml = "<Scenario>" + string.Concat(Enumerable.Repeat("<a>", n)) + string.Concat(Enumerable.Repeat("</a>", n)) + "</Scenario>";
        var watch = Stopwatch.StartNew();
        var e = Error(Parse("deep.xml", xml), "nesting too deep");
        Assert.Equal(1, e.Line);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}"); // generous: a failure here means quadratic again
    }

    [Fact]
    public void Xml_entities_from_a_dtd_are_not_expanded()
    {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Scenario [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
                  + KtabSampleXml.Create("&b;", 1)[(KtabSampleXml.Create("x", 1).IndexOf("<Scenario>", StringComparison.Ordinal))..];
        Assert.False(Parse("e.xml", xml).Ok);
    }

    // ------------------------------------------------------------------ 10: bounded diagnostics

    [Fact]
    public void A_huge_value_gives_a_short_error_that_still_says_what_is_wrong()
    {
        var huge = new string('9', 5_000_000) + "x";
        var e = SingleError(FromYaml(Minimal.Replace("capability: 10", "capability: " + huge)));
        Assert.True(e.ToString().Length < 300, e.ToString());
        Assert.Contains("expected a number", e.Message);
        Assert.Contains("…", e.Message);
        var t = Parse("t.csv", "Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1," + new string('z', 20_000_000) + ",0.5\n");
        Assert.All(t.Errors, d => Assert.True(d.ToString().Length < 300));
    }

    [Fact]
    public void Diagnostics_stay_on_one_line_and_only_the_first_hundred_are_printed()
    {
        var d = new Diagnostic("f.yaml", 1, 2, "actors[a\nb]", "unknown actor 'x\r\ny\u2028'", "one of a, b");
        Assert.DoesNotContain('\n', d.ToString());
        Assert.DoesNotContain('\u2028', d.ToString());
        Assert.Contains("\\u2028", d.ToString());
        var many = Enumerable.Range(1, 250).Select(i => new Diagnostic("f", i, 1, "", "bad")).ToArray();
        var lines = Diagnostic.Lines(many).ToArray();
        Assert.Equal(Diagnostic.MaxPrinted + 1, lines.Length);
        Assert.Contains("150 more errors", lines[^1]);
        Assert.True(new InputException(many).Message.Split('\n').Length == Diagnostic.MaxPrinted + 1);
    }

    [Fact]
    public void A_reader_stops_collecting_after_a_thousand_errors()
    {
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(i => $"'#X'\t'{i}'\n"));
        var r = Parse("d.txt", rows);
        Assert.Equal(Diagnostic.MaxCollected + 1, r.Errors.Count);
        Assert.Contains("reading stopped here", r.Errors[^1].Message);
    }

    // ------------------------------------------------------------------ 13: YAML line breaks

    [Theory]
    [InlineData('\u2028')]
    [InlineData('\u2029')]
    [InlineData('\u0085')]
    public void A_unicode_line_break_in_yaml_is_refused_where_an_editor_shows_it(char separator)
    {
        var yaml = Minimal.Replace("title: Minimal", $"title: Mini{separator}mal");
        var e = SingleError(FromYaml(yaml));
        Assert.Equal((3, 14), (e.Line, e.Column));
        Assert.Contains($"U+{(int)separator:X4}", e.Message);
    }

    [Fact]
    public void Yaml_lines_are_counted_as_editors_count_them()
    {
        // A lone CR ends a line for editors and for YamlDotNet alike; the error lands on the editor's line 10.
        var e = SingleError(FromYaml(Minimal.Replace("\n", "\r").Replace("capability: 10", "capability: ten")));
        Assert.Equal((10, 17), (e.Line, e.Column));
    }

    // ------------------------------------------------------------------ 15: DEU blank ids

    [Theory]
    [InlineData("\"d01001\"", "\"\"", "prnr")]
    [InlineData("\"d01001i1\"", "\"\"", "isnr")]
    [InlineData("\"d01001i1\"", "\"  \"", "isnr")]
    public void A_deu_row_with_a_blank_identifier_is_a_located_error(string from, string to, string field)
    {
        var content = File.ReadAllText(Fixtures.Path("deu", "mini.tsv"));
        var lines = content.Split('\n');
        lines[2] = lines[2].Replace(from, to);
        var r = DeuReader.Read("mini.tsv", string.Join('\n', lines));
        Assert.False(r.Ok);
        var e = Assert.Single(r.Errors);
        Assert.Equal((3, field), (e.Line, e.Field));
        Assert.True(e.Column > 1);
    }

    [Theory]
    [InlineData("2021-111111111111111-02")] // found by .ci/fuzz: int.Parse overflowed
    [InlineData("01-01-0000")]               // year 0: DaysInMonth threw
    [InlineData("01-01-99999")]
    [InlineData("١٢-٠٣-٠١")]               // digits of another script: int.Parse threw
    public void A_deu_date_that_is_no_date_is_a_located_error(string date)
    {
        var content = File.ReadAllText(Fixtures.Path("deu", "mini.tsv"));
        var lines = content.Split('\n');
        lines[2] = lines[2].Replace("\"15-03-01\"", $"\"{date}\"");
        var r = DeuReader.Read("mini.tsv", string.Join('\n', lines));
        var e = Assert.Single(r.Errors);
        Assert.Equal((3, "intro"), (e.Line, e.Field));
    }

    // ------------------------------------------------------------------ 25, 27: CSV tables

    [Fact]
    public void A_short_table_row_does_not_hide_the_other_rows_problems()
    {
        var r = Parse("t.csv", "Actor,Capability,Position,Salience\nA,abc,2,0.5\nB,1,3,0.5\nC,1,4\nD,-1,5,0.5\nE,1,x,0.5\n");
        Assert.Equal(4, r.Errors.Count);
        Assert.Equal([2, 4, 5, 6], r.Errors.Select(e => e.Line).Order());
    }

    [Fact]
    public void Mixed_salience_scales_in_a_table_are_an_error_at_both_values()
    {
        var r = Parse("t.csv", "Actor,Capability,Position,Salience\nA,1,2,0.8\nB,1,3,50\nC,1,4,0.3\n");
        Assert.Equal(2, r.Errors.Count);
        Assert.Equal([2, 3], r.Errors.Select(e => e.Line).Order());
        Assert.All(r.Errors, e => Assert.Contains("--salience-scale", e.Allowed));
    }

    [Fact]
    public void The_salience_scale_of_a_table_can_be_declared()
    {
        const string table = "Actor,Capability,Position,Salience\nA,1,2,0.8\nB,1,3,50\n";
        var percent = Valid(Parse("t.csv", table, options: new ReadOptions { SalienceScale = 100 }));
        Assert.Equal(0.008, percent.Stances[0].Salience, 12);
        Assert.Equal(0.5, percent.Stances[1].Salience, 12);
        Assert.Empty(Parse("t.csv", table, options: new ReadOptions { SalienceScale = 100 }).Notices);
        var unit = Parse("t.csv", table, options: new ReadOptions { SalienceScale = 1 });
        Assert.Equal(3, Error(unit, "Salience").Line);
        // all on 0–100, none a fraction: still told from the values, with a notice
        var told = Parse("t.csv", "Actor,Capability,Position,Salience\nA,1,2,80\nB,1,3,50\nC,1,3,0\n");
        Assert.Equal(0.8, Valid(told).Stances[0].Salience, 12);
        Assert.Contains(told.Notices, n => n.Contains("percent"));
    }

    // ------------------------------------------------------------------ 7: special files, through ScenarioFiles.Load

    [Fact]
    public void A_directory_is_named_as_one()
    {
        var dir = Directory.CreateTempSubdirectory("parley-dir-").FullName;
        try
        {
            var e = Assert.Single(ScenarioFiles.Load(dir).Errors);
            Assert.Equal("is a directory", e.Message);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void A_device_is_refused_and_never_read()
    {
        if (!File.Exists("/dev/zero")) Assert.Skip("no /dev/zero on this platform");
        var watch = Stopwatch.StartNew();
        var e = Assert.Single(ScenarioFiles.Load("/dev/zero", "json").Errors);
        Assert.Contains("device", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_size_limit_holds_while_reading_not_only_by_the_reported_length()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, new string('x', 2000));
            var e = Assert.Single(InputFile.ReadText(path, "", maxBytes: 1000).Errors);
            Assert.StartsWith("file too large", e.Message);
            Assert.Equal(new string('x', 2000), InputFile.ReadText(path, "", maxBytes: 2000).Value);
            // /proc files report length 0 but have content: read, bounded
            if (File.Exists("/proc/self/status")) Assert.Contains("Name:", InputFile.ReadText("/proc/self/status").Value);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
