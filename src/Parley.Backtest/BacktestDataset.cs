using Parley.Core.Domain;
using Parley.Formats;
using Parley.Formats.Deu;

namespace Parley.Backtest;

/// <summary>
/// One scoreable case: an issue of a scenario with a known outcome. <see cref="Group"/> keeps related issues
/// together in cross-validation (a DEU proposal; a scenario file). <see cref="DecisionDate"/> selects the Council
/// regime for the <c>council</c> capability convention.
/// </summary>
public sealed record BacktestCase(string Id, string Group, Scenario Scenario, IssueId Issue, double Outcome, DateOnly? DecisionDate)
{
    public Issue IssueDef => Scenario.Issue(Issue);

    /// <summary>The data set the case comes from when several are pooled (<see cref="BacktestDataset.Pool"/>); "" otherwise.</summary>
    public string Stratum { get; init; } = "";
}

/// <summary>A case left out of the backtest, and why.</summary>
public sealed record SkippedCase(string Id, string Reason);

/// <summary>The cases of a data set, and the ones skipped.</summary>
public sealed record BacktestDataset(string Name, IReadOnlyList<BacktestCase> Cases, IReadOnlyList<SkippedCase> Skipped)
{
    /// <summary>The capability convention used when none is asked for: equal on DEU (which records none), else the scenarios' own.</summary>
    public CapabilityConvention DefaultCapability { get; init; } = CapabilityConvention.AsGiven;

    /// <summary>A capability row the file itself carries (the GDP row of the blksv DEU redistribution), for <c>--capability gdp</c>.</summary>
    public IReadOnlyDictionary<string, double>? FileCapabilities { get; init; }

    /// <summary>
    /// The capabilities that stand for the actors' resources (the <c>resources</c> capability basis): on DEU the file's
    /// GDP row (null when the file has none), on a folder of scenarios the capabilities the files give.
    /// </summary>
    public CapabilityConvention? Resources { get; init; } = CapabilityConvention.AsGiven;

    /// <summary>
    /// Several data sets as one, for a fit across them (the headline forecast): each case's scenario carries its data
    /// set's resource capabilities (<see cref="Resources"/>), its id and group are prefixed with the data set's name
    /// ("deu3.csv:…") and its <see cref="BacktestCase.Stratum"/> is that name, so folds are dealt per data set and fits
    /// can weigh the data sets. A case whose resources cannot be read is skipped with the reason.
    /// </summary>
    public static BacktestDataset Pool(IReadOnlyList<BacktestDataset> datasets)
    {
        if (datasets.Select(d => d.Name).Distinct().Count() != datasets.Count)
            throw new ArgumentException("pooled data sets need distinct names");
        var cases = new List<BacktestCase>();
        var skipped = new List<SkippedCase>();
        foreach (var d in datasets)
        {
            var resources = d.Resources ?? throw new ArgumentException($"{d.Name}: the data set carries no resource capabilities (a DEU file needs its GDP row)");
            var applied = new Dictionary<(Scenario, DateOnly?), Scenario>();
            skipped.AddRange(d.Skipped.Select(s => s with { Id = $"{d.Name}:{s.Id}" }));
            foreach (var c in d.Cases)
            {
                try
                {
                    if (!applied.TryGetValue((c.Scenario, c.DecisionDate), out var scenario))
                        applied[(c.Scenario, c.DecisionDate)] = scenario = resources.Apply(c);
                    cases.Add(c with { Id = $"{d.Name}:{c.Id}", Group = $"{d.Name}:{c.Group}", Scenario = scenario, Stratum = d.Name });
                }
                catch (ArgumentException e) { skipped.Add(new SkippedCase($"{d.Name}:{c.Id}", $"resources ({resources.Name}): {e.Message}")); }
            }
        }
        return new BacktestDataset(string.Join(" + ", datasets.Select(d => d.Name)), cases, skipped) { DefaultCapability = CapabilityConvention.AsGiven };
    }

    /// <summary>Issues need at least this many actors with a position to be scored.</summary>
    public const int MinActors = 3;

    /// <summary>
    /// Loads a DEU file (recognised by its header) or a folder of Parley scenario files (.yaml, .yml, .json)
    /// whose issues carry an <c>outcome</c>. Issues without outcome or with fewer than 3 positioned actors are skipped.
    /// </summary>
    public static LoadResult<BacktestDataset> Load(string path)
    {
        if (Directory.Exists(path)) return LoadFolder(path);
        if (!File.Exists(path)) return LoadResult<BacktestDataset>.Fail([new Diagnostic(path, 0, 0, "DATASET", "no such file or folder",
            "a DEU file (tab-separated, DEU header) or a folder of scenario files with outcomes")]);
        // Read once, bounded (InputFile refuses pipes and devices and stops past 50 MB), then recognised by its header.
        var text = InputFile.ReadText(path, "DATASET");
        if (!text.Ok) return LoadResult<BacktestDataset>.Fail(text.Errors);
        if (!DeuReader.Recognises(text.Value!))
            return LoadResult<BacktestDataset>.Fail([new Diagnostic(path, 1, 1, "DATASET", "not a DEU file (its header lacks the DEU columns)",
                "a DEU file (tab-separated header with prnr, isnr, proc, counvte, intro, finact, p<actor>, s<actor>, rp, out) or a folder of scenarios")]);
        var deu = DeuReader.Read(path, text.Value!);
        if (!deu.Ok) return LoadResult<BacktestDataset>.Fail(deu.Errors);
        return LoadResult<BacktestDataset>.Success(FromDeu(Path.GetFileName(path), deu.Value!), deu.Notices);
    }

    /// <summary>
    /// The scoreable DEU issues as cases, grouped by proposal. Each case's scenario is its whole proposal (every
    /// issue of it with at least 2 positioned actors, scored or not), so multi-issue models (exchange) see the
    /// issues that can be traded; one-issue models see the case's issue only.
    /// </summary>
    public static BacktestDataset FromDeu(string name, DeuDataset deu)
    {
        int lag = deu.MedianAdoptionLag();
        var cases = new List<BacktestCase>();
        var skipped = new List<SkippedCase>();
        foreach (var proposal in deu.Proposals)
        {
            var issues = proposal.ToArray();
            var date = issues.Select(i => i.DecisionDate(lag)).FirstOrDefault(d => d is not null);
            var regime = date is { } d ? EuCouncil.RegimeAt(d) : null;
            var context = issues.Where(i => i.Stances.Count >= 2).ToArray();
            var scenario = context.Length > 0 ? DeuDataset.ToScenario(context, regime) : null;
            foreach (var i in issues)
            {
                if (i.Outcome is not { } outcome) { skipped.Add(new(i.IssueId, "no outcome")); continue; }
                if (i.Stances.Count < MinActors) { skipped.Add(new(i.IssueId, $"fewer than {MinActors} positioned actors ({i.Stances.Count})")); continue; }
                cases.Add(new BacktestCase(i.IssueId, i.ProposalId, scenario!, new IssueId(i.IssueId), outcome, i.DecisionDate(lag) ?? date));
            }
        }
        return new BacktestDataset(name, cases, skipped)
        {
            DefaultCapability = CapabilityConvention.Equal,
            FileCapabilities = deu.GdpRow,
            Resources = deu.GdpRow is { Count: > 0 } row ? TableConvention.FromRow("gdp", row) : null,
        };
    }

    /// <summary>
    /// Every scenario file of a folder (sorted by name) — a file whose extension a registered reader claims
    /// (.yaml, .yml, .json, ...) — is read with <see cref="ScenarioFiles.Load"/>; each issue with an outcome and at
    /// least 3 positioned actors is a case, grouped by file (its cross-validation group).
    /// </summary>
    private static readonly HashSet<string> PlainTextExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt" };

    private static bool RecognisedByContent(string file)
    {
        var content = InputFile.ReadText(file);
        if (!content.Ok) return true; // let the loader report why it cannot be read
        return ScenarioFiles.All.Any(r => r.Recognises(content.Value!));
    }

    public static LoadResult<BacktestDataset> LoadFolder(string folder)
    {
        var errors = new List<Diagnostic>();
        var notices = new List<string>();
        var cases = new List<BacktestCase>();
        var skipped = new List<SkippedCase>();
        var extensions = ScenarioFiles.All.SelectMany(r => r.Extensions).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var files = Directory.EnumerateFiles(folder)
            .Where(f => extensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
            return LoadResult<BacktestDataset>.Fail([new Diagnostic(folder, 0, 0, "DATASET", "the folder holds no scenario files", "files with an extension Parley reads (" + string.Join(", ", extensions.Order()) + ") whose issues carry an outcome")]);
        foreach (var file in files)
        {
            // A plain-text file (notes, a README) beside the scenarios is read only when some reader recognises its
            // content (e.g. a decide file); otherwise it is passed over, and the user is told.
            if (PlainTextExtensions.Contains(Path.GetExtension(file)) && !RecognisedByContent(file))
            {
                notices.Add($"{file}: passed over (plain text that no scenario reader recognises)");
                continue;
            }
            var loaded = ScenarioFiles.Load(file);
            notices.AddRange(loaded.Notices);
            if (!loaded.Ok) { errors.AddRange(loaded.Errors); continue; }
            var scenario = loaded.Value!;
            foreach (var issue in scenario.Issues)
            {
                string id = $"{scenario.Id}/{issue.Id}";
                int positioned = scenario.StancesOn(issue.Id).Count;
                if (issue.Outcome is not { } outcome) { skipped.Add(new(id, "no outcome")); continue; }
                if (positioned < MinActors) { skipped.Add(new(id, $"fewer than {MinActors} positioned actors ({positioned})")); continue; }
                cases.Add(new BacktestCase(id, scenario.Id, scenario, issue.Id, outcome, scenario.Metadata.Decided ?? scenario.Metadata.AsOf));
            }
        }
        if (errors.Count > 0) return LoadResult<BacktestDataset>.Fail(errors, notices);
        return LoadResult<BacktestDataset>.Success(new BacktestDataset(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), cases, skipped), notices);
    }
}
