using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Parley.Core.Domain;

namespace Parley.Formats.Ktab;

/// <summary>
/// Reads KTAB's SMP scenario files (KAPSARC/KTAB, <c>SMPModel::csvRead</c> and <c>SMPModel::xmlRead</c>; docs/specs/smp.md §4.2),
/// CSV or XML, chosen by content. Each KTAB dimension becomes an issue on a 0–100 scale, each actor keeps its
/// capability, and saliences become 0–1 (KTAB's / 100). Unlike KTAB: a limit of <see cref="MaxActors"/> actors instead
/// of 250, no name-length limits, and the cases KTAB accepts but then crashes on (capability 0, all saliences 0) are
/// located errors.
/// </summary>
public sealed class KtabReader : IScenarioReader
{
    /// <summary>The most actors a KTAB file may declare (KTAB itself stops at 250).</summary>
    public const int MaxActors = ReadLimits.MaxActors;

    /// <summary>The most dimensions a KTAB file may declare.</summary>
    public const int MaxDimensions = ReadLimits.MaxIssues;

    /// <summary>The most positions (actors × dimensions) a KTAB file may hold.</summary>
    public const int MaxPositions = 1_000_000;

    /// <summary>The most fields a KTAB CSV row may have (a row of a million commas is refused before it is split).</summary>
    internal const int MaxFields = 3 + 2 * MaxDimensions + 1_000;
    public string Format => "ktab";

    // .csv is left to the generic table reader; KTAB CSV is recognised by its content.
    public IReadOnlyList<string> Extensions { get; } = [".xml"];

    public bool Recognises(string content) => LooksLikeXml(content) ? IsKtabXml(content) : IsKtabCsv(content);

    public LoadResult<Scenario> Read(string displayPath, string content, ReadOptions options)
    {
        var r = ReadFull(displayPath, content);
        return r.Ok ? LoadResult<Scenario>.Success(r.Value!.Scenario, r.Notices) : LoadResult<Scenario>.Fail(r.Errors, r.Notices);
    }

    /// <summary>
    /// Reads a KTAB file with its parts also as KTAB holds them (model parameters, seed, the accommodation matrix); the
    /// scenario carries them too: the parameters and seed as its model_settings for smp, the matrix's non-identity
    /// entries as ideal_adjustment.
    /// </summary>
    public static LoadResult<KtabInput> ReadFull(string displayPath, string content) =>
        LooksLikeXml(content) ? new KtabXml(displayPath, content).Read() : new KtabCsv(displayPath, content).Read();

    private static bool LooksLikeXml(string content) => content.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('<');

    private static bool IsKtabXml(string content) =>
        content.Contains("<Scenario", StringComparison.Ordinal) && content.Contains("<Actors", StringComparison.Ordinal)
        && content.Contains("<Dimensions", StringComparison.Ordinal);

    private static bool IsKtabCsv(string content)
    {
        using var sr = new StringReader(content);
        var first = sr.ReadLine();
        var second = sr.ReadLine();
        if (first is null || second is null) return false;
        var f = first.Split(',', 5);
        return f.Length >= 4 && int.TryParse(f[2].Trim(), out _) && int.TryParse(f[3].Trim(), out _)
               && second.TrimStart().StartsWith("Actor", StringComparison.OrdinalIgnoreCase);
    }

    // ------------------------------------------------------------------ shared building

    internal sealed record ActorRow(string Name, string Description, double Capability, double[] Positions,
        double[] Saliences, int Line);

    internal static string Slug(string s)
    {
        var sb = new StringBuilder();
        foreach (var ch in s.Trim())
            sb.Append(char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '-');
        var slug = sb.ToString().Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return slug.Length == 0 ? "x" : slug;
    }

    /// <param name="adjustments">Ideal-accommodation entries that differ from the identity, as row indices (XML only).</param>
    /// <param name="modelDefaults">The scenario's model_settings (XML only: the ModelParameters and seed for smp).</param>
    internal static Scenario Build(string name, string description, IReadOnlyList<string> dims, IReadOnlyList<ActorRow> rows,
        IReadOnlyList<(int Actor, int Follows, double Weight)>? adjustments = null, IReadOnlyList<ModelDefaults>? modelDefaults = null)
    {
        var issueIds = new List<string>();
        foreach (var d in dims)
        {
            var id = Slug(d).ToLowerInvariant();
            var unique = id;
            for (int k = 2; issueIds.Contains(unique); k++) unique = $"{id}-{k}";
            issueIds.Add(unique);
        }
        var issues = dims.Select((d, k) => new Issue(new IssueId(issueIds[k]), d.Trim(), new Scale(0, 100, "points"))).ToArray();
        var actors = new List<Actor>();
        var stances = new List<Stance>();
        foreach (var r in rows)
        {
            var id = new ActorId(Slug(r.Name));
            actors.Add(new Actor(id, string.IsNullOrWhiteSpace(r.Description) ? r.Name.Trim() : r.Description.Trim(), r.Capability));
            for (int k = 0; k < dims.Count; k++)
                stances.Add(new Stance(id, issues[k].Id, r.Positions[k], r.Saliences[k] / 100.0));
        }
        var idealAdjustments = (adjustments ?? []).Select(a => new IdealAdjustment(actors[a.Actor].Id, actors[a.Follows].Id, a.Weight)).ToArray();
        var scenarioId = Slug(name).ToLowerInvariant();
        return new Scenario(new ScenarioMetadata(scenarioId, name.Trim().Length > 0 ? name.Trim() : scenarioId,
            string.IsNullOrWhiteSpace(description) ? null : description.Trim()), actors, issues, stances,
            idealAdjustments: idealAdjustments, modelDefaults: modelDefaults);
    }

    /// <summary>The checks both formats share; each problem is reported at its line and column.</summary>
    internal static void Check(string file, IReadOnlyList<ActorRow> rows, int numDims, List<Diagnostic> errors,
        Func<ActorRow, int, string, (int Line, int Col)> where)
    {
        var seen = new Dictionary<string, int>();
        foreach (var r in rows)
        {
            if (errors.Count >= Diagnostic.MaxCollected)
            {
                errors.Add(Diagnostic.TooMany(file, r.Line));
                return;
            }
            var (cl, cc) = where(r, -1, "capability");
            if (string.IsNullOrWhiteSpace(r.Name))
                errors.Add(new Diagnostic(file, r.Line, 1, "actor", "the actor name is empty", "a name of letters, digits, '-', '_', '.'"));
            else if (seen.TryGetValue(Slug(r.Name), out var other))
                errors.Add(new Diagnostic(file, r.Line, 1, "actor", $"actor '{r.Name.Trim()}' is already defined on line {other}", "unique actor names"));
            else seen[Slug(r.Name)] = r.Line;
            if (InputBounds.Capability(r.Capability) is { } capabilityProblem)
                errors.Add(new Diagnostic(file, cl, cc, "capability",
                    r.Capability == 0
                        ? $"actor '{r.Name.Trim()}' has capability 0 (KTAB reads it, then aborts the run with \"non-positive voting weight\")"
                        : $"actor '{r.Name.Trim()}': capability {capabilityProblem}",
                    InputBounds.CapabilityAllowed));
            double total = 0;
            for (int k = 0; k < numDims; k++)
            {
                var (pl, pc) = where(r, k, "position");
                var (sl, sc) = where(r, k, "salience");
                double x = r.Positions[k], s = r.Saliences[k];
                if (!(x >= 0 && x <= 100))
                    errors.Add(new Diagnostic(file, pl, pc, "position", $"actor '{r.Name.Trim()}': position {x.ToString(CultureInfo.InvariantCulture)} on dimension {k + 1} is outside the scale", "0 to 100"));
                else if (InputBounds.Magnitude(x) is { } tiny)
                    errors.Add(new Diagnostic(file, pl, pc, "position", $"actor '{r.Name.Trim()}': position {tiny}", "0, or 1e-9 to 100"));
                if (!(s >= 0 && s <= 100))
                    errors.Add(new Diagnostic(file, sl, sc, "salience", $"actor '{r.Name.Trim()}': salience {s.ToString(CultureInfo.InvariantCulture)} on dimension {k + 1} is outside the scale", "0 to 100"));
                else if (InputBounds.SalienceFloor(s / 100) is not null)
                    errors.Add(new Diagnostic(file, sl, sc, "salience", $"actor '{r.Name.Trim()}': salience {s.ToString(CultureInfo.InvariantCulture)} on dimension {k + 1} is too small to be told from 0", "0, or 1e-7 to 100"));
                else total += s;
            }
            var (tl, tc) = where(r, 0, "salience");
            if (total > 100 + 1e-9)
                errors.Add(new Diagnostic(file, tl, tc, "salience", $"actor '{r.Name.Trim()}': saliences sum to {total.ToString(CultureInfo.InvariantCulture)}", "a total of at most 100 over the dimensions"));
            else if (numDims > 0 && total == 0 && r.Saliences.All(s => s == 0))
                errors.Add(new Diagnostic(file, tl, tc, "salience", $"actor '{r.Name.Trim()}': every salience is 0 (KTAB's distances divide by the saliences and its run aborts)", "at least one salience > 0"));
        }
    }
}
