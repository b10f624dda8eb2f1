using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Parley.Formats.Ktab;

/// <summary>KTAB's XML layout (<c>SMPModel::xmlRead</c>; docs/specs/smp.md §4.2), with KTAB's enum spellings for the model parameters.</summary>
internal sealed class KtabXml(string file, string content)
{
    private readonly List<Diagnostic> _errors = [];
    private readonly List<string> _notices = [];

    // KTAB's XML element → (Parley setting, KTAB spelling → Parley value), in KTAB's parameter order.
    private static readonly (string Element, string Setting, string[] Ktab, string[] Parley)[] Parameters =
    [
        ("VictoryProbModel", "vpm", ["Linear", "Square", "Quartic", "Octic", "Binary"], ["linear", "square", "quartic", "octic", "binary"]),
        ("PCEModel", "pcem", ["Conditional", "MarkovIncentive", "MarkovUniform"], ["conditional", "markov-incentive", "markov-uniform"]),
        ("StateTransitions", "stm", ["Deterministic", "Stochastic"], ["deterministic", "stochastic"]),
        ("VotingRule", "voting", ["Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp"], ["binary", "prop-bin", "prop", "prop-cbc", "cubic", "asym-prosp"]),
        ("BigRAdjust", "bigr-adjust", ["None", "OneThird", "Half", "TwoThirds", "Full"], ["none", "one-third", "half", "two-thirds", "full"]),
        ("BigRRange", "bigr-range", ["Min", "Mid", "Max"], ["min", "mid", "max"]),
        ("ThirdPartyCommit", "third-party", ["NoCommit", "SemiCommit", "FullCommit"], ["no-commit", "semi-commit", "full-commit"]),
        ("InterVecBrgn", "interp", ["S1P1", "S2P2", "S2PMax"], ["s1p1", "s2p2", "s2pmax"]),
        ("BargnModel", "bargain", ["InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"], ["init-only", "init-rcvr", "pw-comp"]),
    ];

    private (int, int) At(XObject? x) => x is IXmlLineInfo li && li.HasLineInfo() ? (li.LineNumber, li.LinePosition) : (0, 0);

    private void Error(XObject? at, string field, string message, string? allowed = null)
    {
        var (l, c) = At(at);
        if (_errors.Count < Diagnostic.MaxCollected) _errors.Add(new Diagnostic(file, l, c, field, message, allowed));
        else if (_errors.Count == Diagnostic.MaxCollected) _errors.Add(Diagnostic.TooMany(file, l, c));
    }

    /// <summary>The deepest element nesting read (a KTAB file needs 4); deeper input is refused before it gets slow.</summary>
    internal const int MaxDepth = 256;

    // No DTD is read (KTAB files have none): its entities could expand a small file into a huge one.
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreWhitespace = true };

    /// <summary>The document, or the located reason it cannot be read (not well-formed, nested too deep).</summary>
    private XDocument? Parse()
    {
        try
        {
            // First pass: the nesting depth only (a million nested elements make the tree's parser quadratic).
            using (var scan = XmlReader.Create(new StringReader(content), Settings))
                while (scan.Read())
                    if (scan.Depth > MaxDepth)
                    {
                        var li = (IXmlLineInfo)scan;
                        _errors.Add(new Diagnostic(file, li.LineNumber, li.LinePosition, "", "not well-formed XML: nesting too deep", $"at most {MaxDepth} levels"));
                        return null;
                    }
            using var reader = XmlReader.Create(new StringReader(content), Settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            _errors.Add(new Diagnostic(file, e.LineNumber, e.LinePosition, "", $"not well-formed XML: {Describe(e)}"));
            return null;
        }
    }

    /// <summary>The parser's message without the " Line n, position m." it ends with (the location is printed apart).</summary>
    private static string Describe(XmlException e)
    {
        var message = e.Message;
        int cut = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private string? Text(XElement parent, string name, bool required = true)
    {
        var e = parent.Element(name);
        if (e is null)
        {
            if (required) Error(parent, name, $"<{name}> is missing in <{parent.Name.LocalName}>");
            return null;
        }
        if (string.IsNullOrWhiteSpace(e.Value))
        {
            if (required) Error(e, name, $"<{name}> is empty");
            return null;
        }
        return e.Value;
    }

    private double Number(XElement e, string field, string allowed)
    {
        var t = e.Value.Trim();
        if (t.Length == 0) { Error(e, field, $"<{e.Name.LocalName}> is empty (KTAB: \"no text for the following xml element\")", allowed); return double.NaN; }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        Error(e, field, $"'{t}' is not a number", allowed);
        return double.NaN;
    }

    public LoadResult<KtabInput> Read()
    {
        if (Parse() is not { Root: { } root }) return LoadResult<KtabInput>.Fail(_errors);
        if (root.Name.LocalName != "Scenario")
            return LoadResult<KtabInput>.Fail([new Diagnostic(file, At(root).Item1, At(root).Item2, "", $"the root element is <{root.Name.LocalName}>", "<Scenario>")]);
        var name = Text(root, "name") ?? "ktab-scenario";
        var desc = Text(root, "desc", required: false) ?? "";
        ulong? seed = null;
        if (root.Element("prngSeed") is { } se)
        {
            if (ulong.TryParse(se.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)) seed = s;
            else Error(se, "prngSeed", $"'{se.Value.Trim()}' is not a 64-bit unsigned integer", "0 to 18446744073709551615");
        }
        var settings = new Dictionary<string, string>();
        var sources = new Dictionary<string, string>();
        if (root.Element("ModelParameters") is { } mp)
            foreach (var (element, setting, ktab, parley) in Parameters)
            {
                var v = Text(mp, element);
                if (v is null) continue;
                int idx = Array.FindIndex(ktab, k => k == v.Trim());
                if (idx < 0) Error(mp.Element(element), element, $"'{v.Trim()}' is not a {element}", string.Join(", ", ktab));
                else
                {
                    settings[setting] = parley[idx];
                    var (line, column) = At(mp.Element(element)!);
                    sources[setting] = $"{file}:{line}:{column}";
                }
            }

        var dimsEl = root.Element("Dimensions");
        var dims = new List<string>();
        if (dimsEl is null) Error(root, "Dimensions", "<Dimensions> is missing");
        else
        {
            foreach (var d in dimsEl.Elements("dName"))
                if (string.IsNullOrWhiteSpace(d.Value)) Error(d, "dName", "a dimension has no name");
                else dims.Add(d.Value.Trim());
            if (dims.Count == 0) Error(dimsEl, "Dimensions", "no <dName> given", "at least one dimension");
            if (dims.Count > KtabReader.MaxDimensions)
            {
                Error(dimsEl, "Dimensions", $"{dims.Count:N0} dimensions are more than Parley reads", $"at most {KtabReader.MaxDimensions:N0}");
                return LoadResult<KtabInput>.Fail(_errors, _notices);
            }
        }
        int nd = dims.Count;

        var rows = new List<KtabReader.ActorRow>();
        var where = new Dictionary<KtabReader.ActorRow, (XElement Cap, XElement[] Pos, XElement[] Sal)>();
        var actorsEl = root.Element("Actors");
        if (actorsEl is null) Error(root, "Actors", "<Actors> is missing");
        else
            foreach (var a in actorsEl.Elements("Actor"))
            {
                if (rows.Count == KtabReader.MaxActors || (long)(rows.Count + 1) * nd > KtabReader.MaxPositions)
                {
                    Error(a, "Actor", $"more actors than Parley reads ({rows.Count:N0} on {nd:N0} dimension(s) so far)",
                        $"at most {KtabReader.MaxActors:N0} actors and {KtabReader.MaxPositions:N0} positions (actors × dimensions)");
                    break;
                }
                if (_errors.Count > Diagnostic.MaxCollected) break;
                var an = Text(a, "name");
                var ad = a.Element("description")?.Value ?? "";
                var capEl = a.Element("capability");
                double cap = capEl is null ? double.NaN : Number(capEl, "capability", "a number > 0");
                if (capEl is null) Error(a, "capability", "<capability> is missing");
                var pos = a.Element("Position")?.Elements("dCoord").ToArray() ?? [];
                var sal = a.Element("Salience")?.Elements("dSal").ToArray() ?? [];
                if (pos.Length != nd) Error(a.Element("Position") ?? a, "Position", $"{pos.Length} <dCoord> for {nd} dimension(s)", "one per dimension");
                if (sal.Length != nd) Error(a.Element("Salience") ?? a, "Salience", $"{sal.Length} <dSal> for {nd} dimension(s)", "one per dimension");
                if (an is null || pos.Length != nd || sal.Length != nd) continue;
                var pv = pos.Select(e => Number(e, "position", "0 to 100")).ToArray();
                var sv = sal.Select(e => Number(e, "salience", "0 to 100")).ToArray();
                var row = new KtabReader.ActorRow(an.Trim(), ad, cap, pv, sv, At(a).Item1);
                rows.Add(row);
                where[row] = (capEl!, pos, sal);
            }
        if (actorsEl is not null && rows.Count == 0 && _errors.Count == 0) Error(actorsEl, "Actors", "no <Actor> given", "at least one actor");
        if (_errors.Count > 0) return LoadResult<KtabInput>.Fail(_errors, _notices);
        KtabReader.Check(file, rows, nd, _errors, (r, k, what) =>
        {
            var w = where[r];
            return what switch
            {
                "capability" => At(w.Cap),
                "position" => At(w.Pos[k]),
                _ => At(w.Sal[k]),
            };
        });

        var adjustments = new List<(int Actor, int Follows, double Weight)>();
        if (root.Element("IdealAdjustment") is { } ia)
        {
            // The matrix is the identity with the pairs written over it; only the pairs are kept (sparse), so a file of
            // many actors costs no n × n array. A duplicate actor name is reported by Check; its pairs go to the first.
            int n = rows.Count;
            var index = new Dictionary<string, int>();
            for (int i = 0; i < n; i++) index.TryAdd(rows[i].Name, i);
            var m = new SortedDictionary<(int Row, int Column), double>();
            var given = new Dictionary<(int, int), int>();
            foreach (var pair in ia.Elements("iaPair"))
            {
                var ai = Text(pair, "adjustingIdeal");
                var rp = Text(pair, "referencePos");
                var adjEl = pair.Element("adjust");
                if (adjEl is null) { Error(pair, "adjust", "<adjust> is missing"); continue; }
                double adj = Number(adjEl, "adjust", "0 to 1");
                if (ai is null || rp is null || double.IsNaN(adj)) continue;
                if (!index.TryGetValue(ai.Trim(), out var x)) { Error(pair.Element("adjustingIdeal"), "adjustingIdeal", $"unknown actor '{ai.Trim()}'", "an actor's <name>"); continue; }
                if (!index.TryGetValue(rp.Trim(), out var y)) { Error(pair.Element("referencePos"), "referencePos", $"unknown actor '{rp.Trim()}'", "an actor's <name>"); continue; }
                if (!(adj >= 0 && adj <= 1)) { Error(adjEl, "adjust", $"{adj.ToString(CultureInfo.InvariantCulture)} is outside 0..1", "0 to 1"); continue; }
                if (given.TryGetValue((x, y), out var firstLine))
                    _notices.Add($"{file}:{At(pair).Item1}: <iaPair> {rows[x].Name} → {rows[y].Name} was already given on line {firstLine}; "
                                 + $"the last one ({adj.ToString(CultureInfo.InvariantCulture)}) is used, as KTAB does");
                else given[(x, y)] = At(pair).Item1;
                m[(x, y)] = adj;
            }
            foreach (var row in m.GroupBy(kv => kv.Key.Row))
            {
                int i = row.Key;
                double sum = (m.ContainsKey((i, i)) ? 0 : 1.0) + row.Sum(kv => kv.Value);
                if (sum > 1 + 1e-10)
                    Error(ia, "IdealAdjustment", $"the adjustments of '{rows[i].Name}' sum to {sum.ToString(CultureInfo.InvariantCulture)}", "each actor's row (including its own 1 unless set) at most 1");
            }
            // The entries that differ from the identity, row by row (actor order), become the scenario's ideal_adjustment.
            foreach (var (key, weight) in m)
                if (weight != (key.Row == key.Column ? 1.0 : 0.0)) adjustments.Add((key.Row, key.Column, weight));

        }
        if (_errors.Count > 0) return LoadResult<KtabInput>.Fail(_errors, _notices);
        // The model parameters (in KTAB's order) and the seed become the scenario's model_settings for smp: `parley run`
        // uses them, `parley convert` writes them. The seed is kept even when transitions are deterministic (nothing
        // is drawn then, but switching to stm=stochastic reproduces KTAB's run of the file).
        var smpSeed = seed;
        var smpSettings = Parameters.Where(p => settings.ContainsKey(p.Setting))
            .Select(p => new Parley.Core.Domain.ModelSetting(p.Setting, settings[p.Setting])).ToArray();
        var modelDefaults = smpSettings.Length > 0 || smpSeed is not null
            ? new[] { new Parley.Core.Domain.ModelDefaults("smp", smpSettings, smpSeed, sources) }
            : [];
        var scenario = KtabReader.Build(name, desc, dims, rows, adjustments, modelDefaults);
        return LoadResult<KtabInput>.Success(new KtabInput(scenario, settings, seed), _notices);
    }
}
