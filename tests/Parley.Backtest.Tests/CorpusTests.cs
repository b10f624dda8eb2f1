using Parley.Backtest;
using Parley.Core.Domain;
using Parley.Formats;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Backtest.Tests;

/// <summary>
/// The training corpus of consensus decisions (data/cases): every file reads, every case was decided before 2022,
/// every input carries evidence or a judgement, and positions rest only on what was published before the decision.
/// </summary>
public class CorpusTests
{
    private static readonly DateOnly TrainingCutoff = new(2022, 1, 1);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(RepoPaths.Combine("data", "cases"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    private static Scenario Load(string file)
    {
        var result = ScenarioFiles.Load(RepoPaths.Combine("data", "cases", file));
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Value!;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_case_is_dated_before_2022_and_coded_from_what_was_known_before_it(string file)
    {
        var s = Load(file);
        var decided = s.Metadata.Decided ?? throw new Xunit.Sdk.XunitException($"{file}: scenario.decided is missing");
        Assert.True(decided < TrainingCutoff, $"{file}: decided {decided} is not before {TrainingCutoff}");
        Assert.True(s.Metadata.AsOf is { } asOf && asOf <= decided, $"{file}: as_of must be given, on or before decided");
        Assert.StartsWith(decided.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), file);
        var sources = s.Metadata.Sources.ToDictionary(x => x.Id);
        foreach (var stance in s.Stances)
            foreach (var (what, evidence) in new[] { ("position", stance.Evidence), ("salience", stance.SalienceEvidence ?? stance.Evidence) })
                if (evidence is Evidence.Quote q)
                {
                    var published = sources[q.SourceId].Published;
                    Assert.True(published is { } p && p < decided,
                        $"{file}: {stance.Actor}/{stance.Issue} {what} cites '{q.SourceId}', published {published?.ToString() ?? "(no date)"}, not before {decided}");
                }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_input_carries_evidence_or_a_judgement(string file)
    {
        var s = Load(file);
        foreach (var a in s.Actors)
            Assert.True(a.CapabilityEvidence is not null, $"{file}: actor {a.Id} has no capability_evidence");
        foreach (var st in s.Stances)
            Assert.True(st.Evidence is not null, $"{file}: {st.Actor}/{st.Issue} has no evidence");
        foreach (var i in s.Issues)
        {
            Assert.True(i.Outcome is not null, $"{file}: issue {i.Id} has no outcome");
            Assert.True(i.OutcomeEvidence is not null, $"{file}: issue {i.Id} has no outcome_evidence");
            Assert.True(i.StatusQuo is null || i.StatusQuoEvidence is not null, $"{file}: issue {i.Id} has a status quo without evidence");
            Assert.True(i.Scale.Unit.Length > 0 || i.Anchors.Count >= 3, $"{file}: issue {i.Id} needs a unit or at least 3 anchors in words");
        }
        foreach (var q in s.Stances.SelectMany(st => new[] { st.Evidence, st.SalienceEvidence }).OfType<Evidence.Quote>())
            Assert.False(string.IsNullOrWhiteSpace(q.Text), $"{file}: an empty quote from {q.SourceId}");
    }

    [Fact]
    public void The_corpus_has_at_least_25_scoreable_contested_issues_from_consensus_bodies()
    {
        var loaded = BacktestDataset.Load(RepoPaths.Combine("data", "cases"));
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var data = loaded.Value!;
        Assert.True(data.Cases.Count >= 25, $"{data.Cases.Count} scoreable issues");
        Assert.Empty(data.Skipped);
        foreach (var c in data.Cases)
        {
            Assert.IsType<DecisionRule.Consensus>(c.Scenario.RuleFor(c.IssueDef));
            var positions = c.Scenario.StancesOn(c.Issue).Select(st => st.Position).ToArray();
            Assert.True(positions.Max() > positions.Min(), $"{c.Id}: not contested (every position equal)");
        }
    }
}
