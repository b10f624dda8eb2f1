using Parley.Core.Domain;

namespace Parley.Formats.Tests;

/// <summary>Random valid scenarios (from a seed) exercising every part of the schema, for round-trip properties.</summary>
internal static class RandomScenarios
{
    private static readonly string[] Texts =
    [
        "plain", "with spaces", "colon: inside", "quote \" and backslash \\", "# not a comment", "- dash", "true", "null", "42",
        "2025-06-20", "line\nbreak", "tab\there", "ünïcödé – dash", "'single'", "{braces}", "[brackets]", "*star", "&amp", "  padded  ", "yes",
    ];

    private static readonly string[] Ids = ["usa", "france", "EUR/JPN", "RELIGIOUS LEADERS", "a.b_c-d", "42", "true", "x:y", "ü", "null"];

    public static Scenario Create(int seed)
    {
        var random = new Random(seed);
        string Text() => Texts[random.Next(Texts.Length)];
        double Number(double min, double max) => Math.Round(min + random.NextDouble() * (max - min), random.Next(0, 6));

        var sources = Enumerable.Range(0, random.Next(0, 3)).Select(k => new Source($"s{k}", Text(), random.Next(2) == 0 ? "https://example.org/" + k : null, random.Next(2) == 0 ? Text() : null)).ToArray();
        Evidence? Evidence() => random.Next(3) switch
        {
            0 => null,
            1 when sources.Length > 0 => new Evidence.Quote(sources[random.Next(sources.Length)].Id, Text()),
            _ => new Evidence.Judgement(Text()),
        };
        InputRange? Range(double min, double max)
        {
            if (random.Next(3) == 0) return null;
            var a = Number(min, max);
            var b = Number(min, max);
            var (low, high) = (Math.Min(a, b), Math.Max(a, b));
            return random.Next(2) == 0 ? new InputRange(low, high) : new InputRange(low, high, Math.Clamp(Number(low, high), low, high));
        }

        var actorIds = Ids.OrderBy(_ => random.Next()).Take(random.Next(2, Ids.Length + 1)).Select(i => new ActorId(i)).ToArray();
        DecisionRule? Rule() => random.Next(5) switch
        {
            0 => null,
            1 => new DecisionRule.Consensus(),
            2 => new DecisionRule.Majority(random.Next(2) == 0 ? null : actorIds.ToDictionary(a => a, _ => Number(0.5, 10))),
            _ => new DecisionRule.QualifiedMajority(Number(0, 1), random.Next(2) == 0 ? null : actorIds.ToDictionary(a => a, _ => Number(0.5, 10)),
                random.Next(2) == 0 ? null : Number(0, 1), null),
        };

        var issues = Enumerable.Range(0, random.Next(1, 4)).Select(k =>
        {
            var min = Number(-100, 100);
            var scale = new Scale(min, min + Number(0.5, 1000), random.Next(2) == 0 ? "" : Text());
            var anchors = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Number(scale.Min, scale.Max)).Where(scale.Contains).Distinct()
                .Select(v => new Anchor(v, Text())).ToArray();
            double? Point() => random.Next(2) == 0 ? null : Math.Clamp(Number(scale.Min, scale.Max), scale.Min, scale.Max);
            Reversion? Reversion() => random.Next(4) switch
            {
                0 => null,
                1 => new Reversion(),
                _ => new Reversion(Point(), random.Next(2) == 0 ? 0 : Number(0, 50),
                    random.Next(2) == 0 ? null : actorIds.Take(random.Next(1, 3)).ToDictionary(a => a, _ => Number(0, 50))),
            };
            return new Issue(new IssueId(k == 1 ? "issue two" : $"issue-{k}"), Text(), scale, anchors, Point(), Rule(),
                random.Next(3) == 0 ? actorIds[random.Next(actorIds.Length)] : null, Point(), random.Next(2) == 0 ? null : Text())
            {
                Reversion = Reversion(),
            };
        }).ToArray();

        bool? Flag() => random.Next(3) switch { 0 => null, 1 => false, _ => true };
        var actors = actorIds.Select(id => new Actor(id, random.Next(2) == 0 ? id.Value : Text(), Number(0.01, 1000),
            random.Next(2) == 0 ? null : Text(), Flag(), Range(0.01, 1000) is { Low: > 0 } r ? r : null, Evidence())
        {
            OptOut = random.Next(3) == 0,
        }).ToArray();
        var stances = actorIds.SelectMany(a => issues.Select(i => new Stance(a, i.Id,
            Math.Clamp(Number(i.Scale.Min, i.Scale.Max), i.Scale.Min, i.Scale.Max), Number(0, 1),
            Range(i.Scale.Min, i.Scale.Max) is { } pr && i.Scale.Contains(pr.Low) && i.Scale.Contains(pr.High) ? pr : null,
            Range(0, 1), Evidence(), Evidence()) { OptOut = Flag() })).ToArray();
        var shocks = random.Next(2) == 0 ? [] : new[]
        {
            new Shock("shock", random.Next(2) == 0 ? null : Text(),
            [
                new Intervention(random.Next(0, 5), actorIds[0], InterventionKind.Remove),
                new Intervention(0, actorIds[1], InterventionKind.SetSalience, issues[0].Id, Number(0, 1)),
                new Intervention(2, actorIds[1], InterventionKind.SetPosition, issues[0].Id, issues[0].Scale.Max),
                new Intervention(1, actorIds[0], InterventionKind.SetCapability, null, Number(0.5, 5)),
            ]),
        };
        var metadata = new ScenarioMetadata("random-" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(),
            random.Next(2) == 0 ? null : Text(), random.Next(2) == 0 ? null : new DateOnly(2025, 6, 20), sources);
        var rule = Rule();
        ActorId? setter = random.Next(2) == 0 ? actorIds[^1] : null;
        // Ideal adjustments (smp): actorIds[0] keeps w of its own position and follows actorIds[1] with at most 1 − w.
        var own = Number(0, 1);
        var idealAdjustments = random.Next(2) == 0 ? [] : new[]
        {
            new IdealAdjustment(actorIds[0], actorIds[0], own),
            new IdealAdjustment(actorIds[0], actorIds[1], Math.Min(Number(0, 1 - own), 1 - own)),
            new IdealAdjustment(actorIds[1], actorIds[1], Number(0, 1)),
        };
        // Model settings: values of every kind the writer must keep (names, numbers, true/false, texts that look like
        // numbers or need quotes) and a full 64-bit seed; each one a value the model accepts (others are refused on reading).
        var modelDefaults = random.Next(2) == 0 ? [] : new[]
        {
            new ModelDefaults("smp", [new ModelSetting("vpm", "quartic"), new ModelSetting("max-rounds", random.Next(1, 200).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new ModelSetting("ktab-compat", random.Next(2) == 0 ? "true" : "off")], random.Next(2) == 0 ? ulong.MaxValue : (ulong)random.NextInt64()),
            new ModelDefaults("eum", [new ModelSetting("q", Number(0, 1).ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
                new ModelSetting("variant", random.Next(2) == 0 ? "paper" : "REFERENCE"),
                new ModelSetting("rounds", random.Next(2) == 0 ? "007" : "0"),
                new ModelSetting("t-rule", new[] { "closer", "Direction", "al_ways", "-never" }[random.Next(4)])]),
        };
        var basis = random.Next(4) switch
        {
            0 => null,
            1 => Core.Power.CapabilityBasis.Resources,
            2 => Core.Power.CapabilityBasis.VotingPower,
            _ => Core.Power.CapabilityBasis.Mix(Number(0, 1)),
        };
        return new Scenario(metadata, actors, issues, stances, rule, setter, shocks, idealAdjustments, modelDefaults) { CapabilityBasis = basis };
    }
}
