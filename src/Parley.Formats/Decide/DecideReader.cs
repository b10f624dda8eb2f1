using System.Globalization;
using Parley.Core.Domain;

namespace Parley.Formats.Decide;

/// <summary>
/// Reads decide's input format (foarsitter/decide-exchange-model): one record per line, fields separated by tabs and
/// quoted with single quotes, the first field a tag: <c>#A</c> actor (key, name, comment), <c>#P</c> issue (key, name,
/// comment), <c>#M</c> a labelled point of an issue's scale (issue, value, meaning; the scale runs from the lowest to
/// the highest point, 0–100 without any), <c>#D</c> an actor's stance (actor, issue, position, salience 0–1, power
/// 0–1), <c>#/</c> a comment, <c>#O</c> free text. Power becomes the actor's capability; where an actor's power differs
/// between issues, the stance carries its own capability (see docs/decisions.md, Exchange).
/// </summary>
public sealed class DecideReader : IScenarioReader
{
    private static readonly string[] Tags = ["#A", "#P", "#M", "#D", "#/", "#O"];

    public string Format => "decide";

    public IReadOnlyList<string> Extensions { get; } = [".decide", ".txt"];

    /// <summary>True when the first records of the content carry decide tags (quoted or not).</summary>
    public bool Recognises(string content)
    {
        int seen = 0;
        using var lines = new StringReader(content);
        for (var raw = lines.ReadLine(); raw is not null; raw = lines.ReadLine())
        {
            var line = raw.TrimStart('\uFEFF');
            if (line.Trim().Length == 0) continue;
            var tag = DecideRecord.Parse(1, line, Delimiter(line), maxFields: 1).Tag;
            if (!Tags.Contains(tag)) return false;
            if (++seen >= 3) break;
        }
        return seen > 0;
    }

    private static char Delimiter(string line) => line.Contains('\t') ? '\t' : line.Contains(';') ? ';' : ',';

    public LoadResult<Scenario> Read(string displayPath, string content, ReadOptions options)
    {
        var errors = new List<Diagnostic>();
        var notices = new List<string>();
        var records = new List<DecideRecord>();
        int k = 0;
        using (var lines = new StringReader(content))
            for (var raw = lines.ReadLine(); raw is not null; raw = lines.ReadLine())
            {
                var line = ++k == 1 ? raw.TrimStart('\uFEFF') : raw;
                if (line.Trim().Length == 0) continue;
                // Comments and free text are not kept; no record has more than 6 fields (the rest of a line is not split).
                var record = DecideRecord.Parse(k, line, Delimiter(line), maxFields: 8);
                if (record.Tag is not ("#/" or "#O")) records.Add(record);
            }

        void Error(DecideRecord r, DecideField? f, string field, string message, string? allowed = null) => Report(
            new Diagnostic(displayPath, r.Line, f?.Column ?? (r.Fields.Count > 0 ? r.Fields[^1].Column : 1), field, message, allowed));

        void Report(Diagnostic d)
        {
            if (errors.Count < Diagnostic.MaxCollected) errors.Add(d);
            else if (errors.Count == Diagnostic.MaxCollected) errors.Add(Diagnostic.TooMany(displayPath, d.Line, d.Column));
        }

        string? Required(DecideRecord r, int index, string field)
        {
            var f = r.Field(index);
            if (f is null || f.Value.Text.Trim().Length == 0)
            {
                Error(r, f, field, f is null ? "missing" : "empty", $"{r.Tag} records read: {Layout(r.Tag)}");
                return null;
            }
            return f.Value.Text.Trim();
        }

        double? Number(DecideRecord r, int index, string field)
        {
            var text = Required(r, index, field);
            if (text is null) return null;
            if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            {
                if (InputBounds.Magnitude(v) is not { } far) return v;
                Error(r, r.Field(index), field, far, InputBounds.MagnitudeAllowed);
                return null;
            }
            Error(r, r.Field(index), field, $"'{text}' is not a number", "a decimal number with '.' or ','");
            return null;
        }

        // Pass 1: actors and issues, in file order.
        var actors = new List<(string Key, string Name, string Comment)>();
        var actorLine = new Dictionary<string, int>();
        var issues = new List<(string Key, string Name, string Comment)>();
        var issueLine = new Dictionary<string, int>();
        foreach (var r in records)
        {
            switch (r.Tag)
            {
                case "#A":
                {
                    var key = Required(r, 1, "actor");
                    if (key is null) break;
                    if (actorLine.TryGetValue(key, out var first)) { Error(r, r.Field(1), "actor", $"'{key}' is declared twice (first on line {first})"); break; }
                    if (actors.Count == ReadLimits.MaxActors) { Error(r, r.Field(1), "actor", "one actor too many", $"at most {ReadLimits.MaxActors:N0} #A records"); break; }
                    actorLine[key] = r.Line;
                    actors.Add((key, r.Field(2)?.Text.Trim() ?? key, r.Field(3)?.Text.Trim() ?? ""));
                    break;
                }
                case "#P":
                {
                    var key = Required(r, 1, "issue");
                    if (key is null) break;
                    if (issueLine.TryGetValue(key, out var first)) { Error(r, r.Field(1), "issue", $"'{key}' is declared twice (first on line {first})"); break; }
                    if (issues.Count == ReadLimits.MaxIssues) { Error(r, r.Field(1), "issue", "one issue too many", $"at most {ReadLimits.MaxIssues:N0} #P records"); break; }
                    issueLine[key] = r.Line;
                    issues.Add((key, r.Field(2)?.Text.Trim() ?? key, r.Field(3)?.Text.Trim() ?? ""));
                    break;
                }
                case "#M" or "#D" or "#/" or "#O":
                    break;
                default:
                    Error(r, r.Field(0), "tag", $"unknown record tag '{r.Tag}'", "one of " + string.Join(", ", Tags));
                    break;
            }
        }

        string Known(IEnumerable<string> keys) => "declared: " + string.Join(", ", keys.Take(12)) + (keys.Count() > 12 ? ", ..." : "");

        // Pass 2: scale points.
        var points = new Dictionary<string, List<(double Value, string Label)>>();
        foreach (var r in records.Where(r => r.Tag == "#M"))
        {
            var key = Required(r, 1, "issue");
            var value = Number(r, 2, "position");
            if (key is null) continue;
            if (!issueLine.ContainsKey(key)) { Error(r, r.Field(1), "issue", $"unknown issue '{key}'", "declare it with a #P record; " + Known(issueLine.Keys)); continue; }
            if (value is null) continue;
            if (!points.TryGetValue(key, out var list)) points[key] = list = [];
            list.Add((value.Value, r.Field(3)?.Text.Trim() ?? ""));
        }
        var scales = new Dictionary<string, Scale>();
        foreach (var (key, _, _) in issues)
        {
            if (!points.TryGetValue(key, out var list) || list.Count == 0) { scales[key] = new Scale(0, 100); continue; }
            double min = list.Min(p => p.Value), max = list.Max(p => p.Value);
            if (min == max) Report(new Diagnostic(displayPath, issueLine[key], 1, "#M",
                $"issue '{key}' has a single scale point ({min})", "two or more #M points with different values, or none for 0–100"));
            else if (InputBounds.Scale(min, max) is { } narrow) Report(new Diagnostic(displayPath, issueLine[key], 1, "#M",
                $"issue '{key}': {narrow}", "#M points at least 1e-9 apart, and 1e-9 of the largest"));
            else scales[key] = new Scale(min, max);
        }

        // Pass 3: stances.
        var stances = new List<(string Actor, string Issue, double Position, double Salience, double Power, int Line)>();
        var stanceLine = new Dictionary<(string, string), int>();
        var mentioned = new HashSet<string>();
        foreach (var r in records.Where(r => r.Tag == "#D"))
        {
            var actor = Required(r, 1, "actor");
            var issue = Required(r, 2, "issue");
            if (issue is not null) mentioned.Add(issue);
            var position = Number(r, 3, "position");
            var salience = Number(r, 4, "salience");
            var power = Number(r, 5, "power");
            bool ok = actor is not null && issue is not null && position is not null && salience is not null && power is not null;
            if (actor is not null && !actorLine.ContainsKey(actor)) { Error(r, r.Field(1), "actor", $"unknown actor '{actor}'", "declare it with an #A record; " + Known(actorLine.Keys)); ok = false; }
            if (issue is not null && !issueLine.ContainsKey(issue)) { Error(r, r.Field(2), "issue", $"unknown issue '{issue}'", "declare it with a #P record; " + Known(issueLine.Keys)); ok = false; }
            if (salience is { } s && (s < 0 || s > 1 || InputBounds.SalienceFloor(s) is not null))
            {
                Error(r, r.Field(4), "salience", $"{s.ToString(CultureInfo.InvariantCulture)} is out of range", "0, or 1e-9 to 1");
                ok = false;
            }
            if (power is { } c && (c < 0 || c > 1 || InputBounds.Weight(c) is not null))
            {
                Error(r, r.Field(5), "power", $"{c.ToString(CultureInfo.InvariantCulture)} is out of range", "0, or 1e-9 to 1");
                ok = false;
            }
            if (ok && scales.TryGetValue(issue!, out var scale) && !scale.Contains(position!.Value))
            {
                Error(r, r.Field(3), "position", $"{position.Value.ToString(CultureInfo.InvariantCulture)} lies outside the scale of '{issue}'",
                    $"{scale.Min.ToString(CultureInfo.InvariantCulture)} to {scale.Max.ToString(CultureInfo.InvariantCulture)}, from its #M points");
                ok = false;
            }
            if (!ok) continue;
            if (stanceLine.TryGetValue((actor!, issue!), out var first)) { Error(r, r.Field(1), "actor", $"'{actor}' has a second #D row on '{issue}' (first on line {first})"); continue; }
            stanceLine[(actor!, issue!)] = r.Line;
            stances.Add((actor!, issue!, position!.Value, salience!.Value, power!.Value, r.Line));
        }

        if (actors.Count == 0) Report(new Diagnostic(displayPath, 1, 1, "#A", "no actors", "at least one #A record"));
        if (issues.Count == 0) Report(new Diagnostic(displayPath, 1, 1, "#P", "no issues", "at least one #P record"));
        // An issue nobody takes a stance on has no forecast (every model would divide by no weight): refused here.
        foreach (var (key, _, _) in issues)
            if (!mentioned.Contains(key)) // an issue whose #D records are all refused is reported at them
                Report(new Diagnostic(displayPath, issueLine[key], 2, "issue", $"issue '{key}' has no #D stance", "at least one #D record (actor, issue, position, salience, power) on each issue"));
        if (errors.Count > 0) return LoadResult<Scenario>.Fail(errors, notices);

        try
        {
            return Build(displayPath, actors, issues, scales, points, stances, notices);
        }
        catch (ArgumentException e)
        {
            // the checks above should leave nothing for the domain to refuse; if they did, say so at the file's start
            return LoadResult<Scenario>.Fail([new Diagnostic(displayPath, 1, 1, "", e.Message.TrimEnd('.'))], notices);
        }
    }

    private static string Layout(string tag) => tag switch
    {
        "#A" => "#A, actor key, name, comment",
        "#P" => "#P, issue key, name, comment",
        "#M" => "#M, issue key, position, meaning",
        "#D" => "#D, actor key, issue key, position, salience, power",
        _ => "#/ or #O, free text",
    };

    private static LoadResult<Scenario> Build(string displayPath,
        List<(string Key, string Name, string Comment)> actors,
        List<(string Key, string Name, string Comment)> issues,
        Dictionary<string, Scale> scales,
        Dictionary<string, List<(double Value, string Label)>> points,
        List<(string Actor, string Issue, double Position, double Salience, double Power, int Line)> stances,
        List<string> notices)
    {
        // Capability: the actor's power when it is the same on every issue; otherwise its largest power, with each
        // stance whose power differs carrying its own (decide's power is per actor and issue).
        var capability = new Dictionary<string, double>();
        var varying = new List<string>();
        foreach (var (key, _, _) in actors)
        {
            var powers = stances.Where(s => s.Actor == key).Select(s => s.Power).Distinct().ToArray();
            double max = powers.Length == 0 ? 1 : powers.Max();
            capability[key] = max > 0 ? max : 1;
            if (powers.Length > 1) varying.Add(key);
        }
        if (varying.Count > 0)
            notices.Add($"decide power differs between issues for {string.Join(", ", varying)}: each stance keeps its own power as its capability on that issue");

        var parleyActors = actors.Select(a => new Actor(new ActorId(a.Key), a.Name, capability[a.Key])).ToArray();
        var parleyIssues = issues.Select(i => new Issue(new IssueId(i.Key), i.Name, scales[i.Key],
            points.TryGetValue(i.Key, out var list)
                ? list.Where(p => p.Label.Length > 0).GroupBy(p => p.Value).Select(g => new Anchor(g.Key, g.First().Label)).ToArray()
                : null,
            description: i.Comment.Length > 0 && i.Comment != i.Name ? i.Comment : null)).ToArray();
        var parleyStances = stances.Select(s =>
        {
            var stance = new Stance(new ActorId(s.Actor), new IssueId(s.Issue), s.Position, s.Salience,
                evidence: new Evidence.Judgement($"decide input, line {s.Line}"));
            return s.Power == capability[s.Actor] ? stance : stance with { Capability = s.Power };
        }).ToArray();
        var id = Path.GetFileNameWithoutExtension(displayPath);
        var scenario = new Scenario(new ScenarioMetadata(string.IsNullOrWhiteSpace(id) ? "decide" : id, id), parleyActors,
            parleyIssues, parleyStances);
        return LoadResult<Scenario>.Success(scenario, notices);
    }
}
