using Parley.Core.Domain;

namespace Parley.Formats.Scenarios;

internal sealed partial class ScenarioBinder
{
    /// <summary>
    /// An optional range <c>{low, high}</c> or <c>{low, mode, high}</c> inside [min, max] (min excluded when
    /// <paramref name="lowExclusive"/>); Failed when given but unusable.
    /// </summary>
    private (InputRange? Value, bool Failed) BindRange(FieldMap parent, string name, double min, double max, bool lowExclusive, string allowed)
    {
        if (!parent.Has(name)) return (null, false);
        var map = parent.Map(name, SchemaFields.Range, what: "{low: L, high: H} or {low: L, mode: M, high: H}");
        if (map is null) return (null, true);
        var low = map.Number("low", required: true, allowed);
        var high = map.Number("high", required: true, allowed);
        var mode = map.Number("mode", required: false, allowed);
        bool ok = low is not null && high is not null && (mode is not null || !map.Has("mode"));
        foreach (var (key, value) in new[] { ("low", low), ("mode", mode), ("high", high) })
        {
            if (value is not { } v) continue;
            bool inside = (lowExclusive ? v > min : v >= min) && v <= max;
            if (!inside)
            {
                _context.Error(map.Get(key)!, map.Field(key), $"{key} {ScalarValues.Format(v)} lies outside the allowed range", allowed);
                ok = false;
            }
            else if (InputBounds.Magnitude(v) is { } tiny)
            {
                _context.Error(map.Get(key)!, map.Field(key), $"{key} {tiny}", allowed);
                ok = false;
            }
        }
        if (low is { } l && high is { } h && l > h)
        {
            _context.Error(map.Get("low")!, map.Field("low"), $"low {ScalarValues.Format(l)} is above high {ScalarValues.Format(h)}", "low <= mode <= high");
            ok = false;
        }
        else if (low is { } l2 && high is { } h2 && mode is { } m && (m < l2 || m > h2))
        {
            _context.Error(map.Get("mode")!, map.Field("mode"), $"mode {ScalarValues.Format(m)} lies outside low..high ({ScalarValues.Format(l2)}..{ScalarValues.Format(h2)})", "low <= mode <= high");
            ok = false;
        }
        if (!ok) return (null, true);
        var range = _context.Build(map.Node, map.Path, () => new InputRange(low!.Value, high!.Value, mode));
        return (range, range is null);
    }

    /// <summary>An optional <c>{source, quote}</c> or <c>{judgement}</c>; Failed when given but unusable.</summary>
    private (Evidence? Value, bool Failed) BindEvidence(FieldMap parent, string name)
    {
        const string allowed = "{source: SOURCE_ID, quote: \"...\"} or {judgement: \"why\"}";
        if (!parent.Has(name)) return (null, false);
        var map = parent.Map(name, SchemaFields.Evidence, what: allowed);
        if (map is null) return (null, true);
        var source = map.Text("source", allowed: "a source id");
        var quote = map.Text("quote", allowed: "the quoted text");
        var judgement = map.Text("judgement", allowed: "the reason for the judgement");
        if (quote is not null && judgement is not null)
        {
            _context.Error(map.Node, map.Path, "evidence has both a quote and a judgement", "either a quote with its source, or a judgement");
            return (null, true);
        }
        if (judgement is not null)
        {
            if (source is null) return (new Evidence.Judgement(judgement), false);
            _context.Error(map.Get("source")!, map.Field("source"), "a judgement does not cite a source", allowed);
            return (null, true);
        }
        if (quote is null)
        {
            if (map.Has("quote") || map.Has("judgement")) return (null, true); // already reported as the wrong type
            if (source is not null)
                _context.Error(map.Node, map.Field("quote"), "evidence citing a source needs the quote", allowed);
            else if (!map.Has("source"))
                _context.Error(map.Node, map.Path, "evidence has neither a quote nor a judgement", allowed);
            return (null, true);
        }
        if (source is null)
        {
            if (!map.Has("source")) _context.Error(map.Node, map.Field("source"), "a quote needs the source it comes from", allowed);
            return (null, true);
        }
        if (!_sources.ContainsKey(source))
        {
            _context.Error(map.Get("source")!, map.Field("source"), $"unknown source '{source}'",
                Suggestions.Allowed(source, _sources.Keys, "sources declared under scenario.sources"));
            return (null, true);
        }
        return (new Evidence.Quote(source, quote), false);
    }
}
