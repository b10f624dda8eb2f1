using System.Globalization;
using System.Text;
using Parley.Analysis;
using Parley.Analysis.MonteCarlo;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Reports.Charts;
using Parley.Reports.Svg;

namespace Parley.Reports.Html;

/// <summary>Options of the HTML report.</summary>
public sealed record ReportOptions
{
    /// <summary>When to say the report was made; null leaves the time out (reproducible files).</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>The tool and version named in the footer.</summary>
    public string Generator { get; init; } = "Parley";

    /// <summary>Bars shown in each tornado.</summary>
    public int TornadoBars { get; init; } = 12;
}

/// <summary>
/// The self-contained HTML report of an analysis: one file with inline CSS and inline SVG charts, no scripts and no
/// external resources. Per issue: the headline forecast in words (the nearest labelled anchor), the scale with every
/// model's forecast, each model's outcome distribution with anchor bands, the tornado, positions over rounds for
/// dynamic models and the actor map; then shocks and what-ifs, the evidence table, and the method.
/// </summary>
public static class HtmlReport
{
    public static void Write(string path, AnalysisResult result, ReportOptions? options = null) =>
        File.WriteAllText(path, Render(result, options), new UTF8Encoding(false));

    public static void Write(TextWriter writer, AnalysisResult result, ReportOptions? options = null) =>
        writer.Write(Render(result, options));

    public static string Render(AnalysisResult result, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        var r = new ReportBuilder(result, options);
        return r.Build();
    }

    private sealed class ReportBuilder(AnalysisResult result, ReportOptions options)
    {
        private readonly StringBuilder _html = new();
        private readonly Scenario _scenario = result.Scenario;
        private readonly IReadOnlyList<ModelAnalysis> _ok = result.Models.Where(m => m.Error is null && m.Point is not null).ToArray();
        private readonly IReadOnlyDictionary<string, string> _groupColours = IssueCharts.GroupColours(result.Scenario);

        /// <summary>The issues some model ran on (all of them unless the run was limited with --issue).</summary>
        private IEnumerable<Issue> Issues => _scenario.Issues.Where(i => _ok.Count == 0 || _ok.Any(m => m.Point!.For(i.Id) is not null));

        private string ColourOf(ModelAnalysis m) => Palette.At(result.Models.ToList().IndexOf(m));

        public string Build()
        {
            var title = _scenario.Metadata.Title;
            _html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .Append("<title>").Append(E(title)).Append(" — Parley forecast</title>\n<style>\n").Append(ReportStyle.Css)
                .Append("</style>\n</head>\n<body>\n<main>\n");
            Header();
            Glance();
            foreach (var issue in Issues) IssueSection(issue);
            Shocks();
            Evidence();
            Method();
            _html.Append("<footer>Made by ").Append(E(options.Generator));
            if (options.GeneratedAt is { } at)
                _html.Append(" on ").Append(E(at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
            _html.Append(". Self-contained: no scripts, no external resources.</footer>\n</main>\n</body>\n</html>\n");
            return _html.ToString();
        }

        private void Header()
        {
            var m = _scenario.Metadata;
            _html.Append("<header class=\"report\">\n<h1>").Append(E(m.Title)).Append("</h1>\n<p class=\"sub\">");
            var parts = new List<string> { $"Scenario <code>{E(m.Id)}</code>" };
            if (m.AsOf is { } asOf) parts.Add("coded as of " + asOf.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
            parts.Add($"{_scenario.Actors.Count} actors, {_scenario.Issues.Count} issue{(_scenario.Issues.Count == 1 ? "" : "s")}");
            parts.Add($"{result.Models.Count} model{(result.Models.Count == 1 ? "" : "s")}");
            if (result.Options.MonteCarlo.Draws > 0) // 0: a forecast from the point inputs only (the web app's forecast runs)
                parts.Add($"{result.Options.MonteCarlo.Draws.ToString("N0", CultureInfo.InvariantCulture)} Monte Carlo draws (seed {result.Options.MonteCarlo.Seed})");
            _html.Append(string.Join(" · ", parts)).Append("</p>\n");
            if (!string.IsNullOrWhiteSpace(m.Description)) _html.Append("<p>").Append(E(m.Description)).Append("</p>\n");
            if (result.WhatIfs.Count > 0)
                _html.Append("<p class=\"note\"><strong>What-if applied:</strong> ")
                    .Append(E(string.Join("; ", result.WhatIfs.Select(w => w.ToString())))).Append("</p>\n");
            _html.Append("</header>\n");
        }

        private void Glance()
        {
            _html.Append("<section class=\"card\" id=\"summary\">\n<h2>At a glance</h2>\n")
                .Append(result.Headlines.Count > 0
                    ? "<p class=\"lead\">The Parley forecast of each issue — one documented combination of the models, fitted on past decisions — with its 80% interval, in the words of the issue's own labelled positions.</p>\n"
                    : "<p class=\"lead\">The most likely outcome of each issue, in the words of the issue's own labelled positions.</p>\n")
                .Append("<div class=\"glance\">\n");
            foreach (var issue in Issues)
            {
                var h = Headline(issue);
                _html.Append("<div class=\"item\"><div class=\"issue-title\">").Append(E(issue.Title)).Append("</div>")
                    .Append("<div class=\"verdict\">").Append(E(h.Verdict)).Append("</div>")
                    .Append("<div class=\"detail\">").Append(E(h.Detail)).Append("</div>");
                foreach (var caveat in Caveats(issue))
                    _html.Append("<div class=\"caveat\">").Append(E(caveat)).Append("</div>");
                _html.Append("</div>\n");
            }
            _html.Append("</div>\n</section>\n");
        }

        private sealed record HeadlineText(string Verdict, string Detail);

        /// <summary>
        /// What the reader of "At a glance" must know about an issue's forecast: the headline's own notes (a component
        /// model whose run did not settle is left out of it, and says so) and the models whose runs did not settle.
        /// </summary>
        private IEnumerable<string> Caveats(Issue issue)
        {
            if (result.Headlines.FirstOrDefault(h => h.Issue == issue.Id) is { } headline)
                foreach (var note in headline.Notes) yield return $"Parley forecast: {note}.";
            var unsettled = _ok.Select(m => (m.Name, Point: m.Point!.For(issue.Id)))
                .Where(p => p.Point?.Convergence is { Settled: false }).ToArray();
            if (unsettled.Length > 0)
                yield return "Did not settle (the forecast is not a resting point): "
                    + string.Join("; ", unsettled.Select(p => $"{p.Name} — {ConvergenceText.Words(p.Point!.Convergence, issue.Scale)}")) + ".";
        }

        /// <summary>
        /// The headline: the Parley forecast (docs/headline.md) with its 80 % interval and nearest anchor, then the
        /// models' own forecasts as the evidence. Without a headline (an analysis made without the application layer),
        /// the anchor most models point at.
        /// </summary>
        private HeadlineText Headline(Issue issue)
        {
            if (result.Headlines.FirstOrDefault(h => h.Issue == issue.Id) is not { } headline) return Votes(issue);
            var anchor = issue.NearestAnchor(headline.Forecast);
            string value = ChartText.WithUnit(headline.Forecast, issue.Scale);
            string interval = $"80% interval {ChartText.Value(headline.P10, issue.Scale)}–{ChartText.WithUnit(headline.P90, issue.Scale)}"
                + (headline.Draws > 0 ? ", including the input ranges" : ", model error only (the inputs have no ranges)");
            var models = _ok.Select(m => (m.Name, Result: m.Point!.For(issue.Id))).Where(p => p.Result is { } r && double.IsFinite(r.Forecast))
                .Select(p => $"{p.Name} {ChartText.Value(p.Result!.Forecast, issue.Scale)}"
                    + (ConvergenceText.Short(p.Result.Convergence) is { } how ? $" ({how})" : "")).ToArray();
            string evidence = models.Length == 0 ? "" : " Models: " + string.Join("; ", models) + ".";
            return new HeadlineText(anchor is null ? value : $"≈ {anchor.Label} ({value})", $"Parley forecast {value} ({interval}).{evidence}");
        }

        /// <summary>
        /// Without a headline: the anchor most models' point forecasts lie nearest to (ties: the first listed model's), the
        /// first model's forecast with its 80 % range, and how often its draws fell nearest that anchor.
        /// </summary>
        private HeadlineText Votes(Issue issue)
        {
            var forecasts = _ok.Select(m => (Model: m, Forecast: m.Point!.For(issue.Id)?.Forecast))
                .Where(p => p.Forecast is { } f && double.IsFinite(f)).Select(p => (p.Model, Forecast: p.Forecast!.Value)).ToArray();
            if (forecasts.Length == 0) return new HeadlineText("No forecast", "No model produced a forecast for this issue.");
            string Range(ModelAnalysis m) => m.Distribution?.For(issue.Id) is { } d && double.IsFinite(d.P10)
                ? $" (80% of draws {ChartText.Value(d.P10, issue.Scale)}–{ChartText.Value(d.P90, issue.Scale)})" : "";
            if (issue.Anchors.Count == 0)
                return new HeadlineText(ChartText.WithUnit(forecasts[0].Forecast, issue.Scale),
                    $"{forecasts[0].Model.Name}: {ChartText.WithUnit(forecasts[0].Forecast, issue.Scale)}{Range(forecasts[0].Model)}.");
            var votes = forecasts.GroupBy(p => issue.NearestAnchor(p.Forecast)!)
                .Select(g => (Anchor: g.Key, Count: g.Count(), First: Array.IndexOf(forecasts, g.First())))
                .OrderByDescending(g => g.Count).ThenBy(g => g.First).ToArray();
            var anchor = votes[0].Anchor;
            // the first listed model that points at the headline anchor speaks for it; the others are named after it
            var lead = forecasts[votes[0].First];
            var p = lead.Model.Distribution?.For(issue.Id)?.Anchors.FirstOrDefault(a => a.Anchor == anchor)?.Probability;
            var agree = votes[0].Count == forecasts.Length
                ? (forecasts.Length == 1 ? "" : $"All {forecasts.Length} models agree. ")
                : $"{votes[0].Count} of {forecasts.Length} models point here. ";
            var chance = p is { } pp ? $" In {ChartText.Percent(pp)} of its draws the outcome falls nearest this position." : "";
            var others = forecasts.Where(f => issue.NearestAnchor(f.Forecast) != anchor)
                .Select(f => $"{f.Model.Name} {ChartText.Value(f.Forecast, issue.Scale)} (≈ {issue.NearestAnchor(f.Forecast)!.Label})").ToArray();
            var dissent = others.Length == 0 ? "" : " Otherwise: " + string.Join("; ", others) + ".";
            return new HeadlineText($"≈ {anchor.Label} ({ChartText.WithUnit(anchor.Value, issue.Scale)})",
                $"{agree}{lead.Model.Name}: {ChartText.WithUnit(lead.Forecast, issue.Scale)}{Range(lead.Model)}.{chance}{dissent}");
        }

        private void IssueSection(Issue issue)
        {
            _html.Append("<section class=\"card issue\" id=\"issue-").Append(E(issue.Id.Value)).Append("\">\n<h2>")
                .Append(E(issue.Title)).Append("</h2>\n");
            if (!string.IsNullOrWhiteSpace(issue.Description)) _html.Append("<p class=\"lead\">").Append(E(issue.Description)).Append("</p>\n");
            var h = Headline(issue);
            _html.Append("<div class=\"headline\"><div class=\"verdict\">Forecast: ").Append(E(h.Verdict)).Append("</div><div>")
                .Append(E(h.Detail)).Append("</div></div>\n");

            var marks = _ok.Select(m =>
            {
                var d = m.Distribution?.For(issue.Id);
                return new ModelMark(m.Name, m.Point!.For(issue.Id)?.Forecast ?? double.NaN, d?.P10, d?.P90, ColourOf(m));
            }).ToArray();
            _html.Append("<h3>Every model's forecast on the scale</h3>\n<p class=\"note\">Dots: forecasts from the point inputs; bands: where 80% of the Monte Carlo draws fell.</p>\n");
            Chart(IssueCharts.Scale(issue, marks));
            ModelTable(issue);

            _html.Append("<h3>Outcome distributions</h3>\n<p class=\"note\">Share of draws in each bin; shaded bands mark where the outcome is nearest each labelled position, with the probability of that position above.</p>\n");
            foreach (var m in _ok)
                if (m.Distribution?.For(issue.Id) is { } d)
                    Chart(IssueCharts.Histogram(issue, d, m.Name, ColourOf(m)));

            var tornadoes = _ok.Where(m => m.TornadoFor(issue.Id) is not null).ToArray();
            if (tornadoes.Length > 0)
            {
                _html.Append("<h3>What drives the forecast</h3>\n<p class=\"note\">Each bar: the forecast with one input at the low and at the high end of its range, every other uncertain input at its centre. Longest bars first.</p>\n");
                Chart(IssueCharts.Tornado(issue, tornadoes[0].TornadoFor(issue.Id)!, tornadoes[0].Name, options.TornadoBars));
                foreach (var m in tornadoes.Skip(1))
                {
                    _html.Append("<details><summary>Tornado for ").Append(E(m.Name)).Append("</summary>\n");
                    Chart(IssueCharts.Tornado(issue, m.TornadoFor(issue.Id)!, m.Name, options.TornadoBars));
                    _html.Append("</details>\n");
                }
            }

            var sobols = _ok.Where(m => m.SobolFor(issue.Id) is { Indices.Count: > 0 }).ToArray();
            if (sobols.Length > 0)
            {
                _html.Append("<h3>Share of the uncertainty (Sobol indices)</h3>\n<p class=\"note\">First order: the share of the forecast's variance an input explains alone; total: including its interactions with the others.</p>\n");
                foreach (var m in sobols)
                {
                    var sr = m.SobolFor(issue.Id)!;
                    _html.Append("<table class=\"sobol\">\n<thead><tr><th>").Append(E(m.Name)).Append(": input</th><th class=\"num\">first order</th><th class=\"num\">total</th></tr></thead>\n<tbody>\n");
                    foreach (var x in sr.Indices.Take(options.TornadoBars))
                        _html.Append("<tr><td>").Append(E(x.Label)).Append("</td><td class=\"num\">").Append(ChartText.Number(x.First, "0.00"))
                            .Append("</td><td class=\"num\">").Append(ChartText.Number(x.Total, "0.00")).Append("</td></tr>\n");
                    _html.Append("</tbody>\n</table>\n");
                }
            }

            foreach (var m in _ok)
                if (m.Point!.For(issue.Id) is IHasTrajectory t && t.Trajectory.Count > 0)
                {
                    _html.Append("<h3>Positions over rounds: ").Append(E(m.Name)).Append("</h3>\n");
                    Chart(IssueCharts.Trajectory(issue, t.Trajectory, m.Name, _scenario, _groupColours));
                }

            _html.Append("<h3>Actors</h3>\n<p class=\"note\">Position against capability; larger markers care more (salience); colour is the actor's group.</p>\n");
            Chart(IssueCharts.ActorMap(_scenario, issue, _groupColours));
            _html.Append("</section>\n");
        }

        private void ModelTable(Issue issue)
        {
            _html.Append("<table class=\"models\">\n<thead><tr><th>Model</th><th class=\"num\">Forecast</th><th class=\"num\">Mean</th>")
                .Append("<th class=\"num\">Median</th><th class=\"num\">10%–90%</th><th>Most likely position</th><th>How the run ended</th></tr></thead>\n<tbody>\n");
            var markers = new HashSet<string>();
            foreach (var m in result.Models)
            {
                _html.Append("<tr><td><span class=\"swatch\" style=\"background:").Append(ColourOf(m)).Append("\"></span>").Append(E(m.Name)).Append("</td>");
                if (m.Error is not null)
                {
                    _html.Append("<td colspan=\"6\" class=\"error\">").Append(E(m.Error)).Append("</td></tr>\n");
                    continue;
                }
                var point = m.Point?.For(issue.Id);
                var f = point?.Forecast;
                var d = m.Distribution?.For(issue.Id);
                var marker = ConvergenceText.Marker(point?.Convergence);
                if (marker is not null) markers.Add(marker);
                _html.Append("<td class=\"num\">").Append(f is { } ff ? ChartText.Value(ff, issue.Scale) : "–")
                    .Append(marker is null ? "" : $" <span class=\"conv\" title=\"{E(ConvergenceText.Words(point!.Convergence, issue.Scale)!)}\">{E(marker)}</span>")
                    .Append("</td>")
                    .Append("<td class=\"num\">").Append(d is null ? "–" : ChartText.Value(d.Mean, issue.Scale)).Append("</td>")
                    .Append("<td class=\"num\">").Append(d is null ? "–" : ChartText.Value(d.Median, issue.Scale)).Append("</td>")
                    .Append("<td class=\"num\">").Append(d is null ? "–" : $"{ChartText.Value(d.P10, issue.Scale)}–{ChartText.Value(d.P90, issue.Scale)}").Append("</td>")
                    .Append("<td>").Append(d?.MostLikelyAnchor is { } a ? $"{E(a.Anchor.Label)} ({ChartText.Percent(a.Probability)})" : "–").Append("</td>")
                    .Append("<td class=\"convergence\">").Append(E(ConvergenceText.Words(point?.Convergence, issue.Scale) ?? "–")).Append("</td></tr>\n");
                foreach (var note in (point?.Notes ?? []).Concat(m.Notes))
                    _html.Append("<tr><td></td><td colspan=\"6\" class=\"note\">").Append(E(note)).Append("</td></tr>\n");
            }
            _html.Append("</tbody>\n</table>\n");
            foreach (var (marker, meaning) in ConvergenceText.Legend.Where(l => markers.Contains(l.Marker)))
                _html.Append("<p class=\"note legend\"><span class=\"conv\">").Append(E(marker)).Append("</span> ").Append(E(meaning)).Append(".</p>\n");
        }

        private void Shocks()
        {
            var withShocks = _ok.Where(m => m.Shocks.Count > 0).ToArray();
            if (withShocks.Length == 0 && result.WhatIfs.Count == 0) return;
            _html.Append("<section class=\"card\" id=\"shocks\">\n<h2>Shocks and what-ifs</h2>\n");
            if (result.WhatIfs.Count > 0)
                _html.Append("<p>This whole report is computed <strong>with</strong> these changes: ")
                    .Append(E(string.Join("; ", result.WhatIfs.Select(w => w.ToString())))).Append(".</p>\n");
            if (withShocks.Length > 0)
            {
                _html.Append("<p class=\"lead\">The forecast from the point inputs without and with each shock the scenario declares (and, as “what-if”, the changes given on the command line).</p>\n")
                    .Append("<table class=\"shocks\">\n<thead><tr><th>Shock</th><th>Model</th><th>Issue</th><th class=\"num\">Without</th>")
                    .Append("<th class=\"num\">With</th><th class=\"num\">Change</th><th>Nearest position with the shock</th></tr></thead>\n<tbody>\n");
                foreach (var m in withShocks)
                    foreach (var s in m.Shocks)
                    {
                        var label = E(s.Shock.Id) + (s.Shock.Description is { } desc ? $"<br><span class=\"note\">{E(desc)}</span>" : "");
                        if (s.Error is not null)
                        {
                            _html.Append("<tr><td>").Append(label).Append("</td><td>").Append(E(m.Name))
                                .Append("</td><td colspan=\"5\" class=\"error\">").Append(E(s.Error)).Append("</td></tr>\n");
                            continue;
                        }
                        foreach (var e in s.Effects)
                        {
                            var issue = _scenario.Issue(e.Issue);
                            _html.Append("<tr><td>").Append(label).Append("</td><td>").Append(E(m.Name)).Append("</td><td>").Append(E(issue.Title))
                                .Append("</td><td class=\"num\">").Append(ChartText.Value(e.Without, issue.Scale))
                                .Append("</td><td class=\"num\">").Append(ChartText.Value(e.With, issue.Scale))
                                .Append("</td><td class=\"num\">").Append(Signed(e.Change, issue.Scale))
                                .Append("</td><td>").Append(E(issue.NearestAnchor(e.With)?.Label ?? "–")).Append("</td></tr>\n");
                        }
                        foreach (var note in s.Notes)
                            _html.Append("<tr><td></td><td colspan=\"6\" class=\"note\">").Append(E(note)).Append("</td></tr>\n");
                    }
                _html.Append("</tbody>\n</table>\n");
            }
            _html.Append("</section>\n");
        }

        private void Evidence()
        {
            _html.Append("<section class=\"card\" id=\"evidence\">\n<h2>Evidence</h2>\n")
                .Append("<p class=\"lead\">Every input with what it rests on. <span class=\"badge quote\">quote</span> cites a source; ")
                .Append("<span class=\"badge judgement\">judgement</span> is the analyst's call, with the reason; ")
                .Append("<span class=\"badge missing\">no evidence</span> has neither.</p>\n")
                .Append("<table class=\"evidence\">\n<thead><tr><th>Actor</th><th>Issue</th><th>Input</th><th class=\"num\">Value</th>")
                .Append("<th class=\"num\">Range</th><th>Evidence</th></tr></thead>\n<tbody>\n");
            foreach (var a in _scenario.Actors)
                Row(a.Name, "–", "capability", ChartText.Number(a.Capability), a.CapabilityRange, a.CapabilityEvidence);
            foreach (var issue in _scenario.Issues)
                foreach (var s in _scenario.StancesOn(issue.Id))
                {
                    var name = _scenario.Actor(s.Actor).Name;
                    Row(name, issue.Title, "position", ChartText.Value(s.Position, issue.Scale), s.PositionRange, s.Evidence);
                    Row(name, issue.Title, "salience", ChartText.Number(s.Salience, "0.##"), s.SalienceRange, s.SalienceEvidence ?? s.Evidence);
                }
            _html.Append("</tbody>\n</table>\n");
            if (_scenario.Metadata.Sources.Count > 0)
            {
                _html.Append("<h3>Sources</h3>\n<ul class=\"sources\">\n");
                foreach (var src in _scenario.Metadata.Sources)
                {
                    _html.Append("<li id=\"source-").Append(E(src.Id)).Append("\"><code>").Append(E(src.Id)).Append("</code> ").Append(E(src.Title));
                    if (src.Url is { } url && (url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal)))
                        _html.Append(" — <a href=\"").Append(E(url)).Append("\" rel=\"noreferrer\">").Append(E(url)).Append("</a>");
                    _html.Append("</li>\n");
                }
                _html.Append("</ul>\n");
            }
            _html.Append("</section>\n");
        }

        private void Row(string actor, string issue, string input, string value, InputRange? range, Evidence? evidence)
        {
            _html.Append("<tr><td>").Append(E(actor)).Append("</td><td>").Append(E(issue)).Append("</td><td>").Append(input)
                .Append("</td><td class=\"num\">").Append(E(value)).Append("</td><td class=\"num\">").Append(range is null ? "" : E(RangeText(range)))
                .Append("</td><td>");
            switch (evidence)
            {
                case Evidence.Quote q:
                    var src = _scenario.Metadata.Sources.FirstOrDefault(s => s.Id == q.SourceId);
                    _html.Append("<span class=\"badge quote\">quote</span><blockquote>“").Append(E(q.Text)).Append("”</blockquote>")
                        .Append("<span class=\"note\">— <a href=\"#source-").Append(E(q.SourceId)).Append("\">")
                        .Append(E(src?.Title ?? q.SourceId)).Append("</a></span>");
                    break;
                case Evidence.Judgement j:
                    _html.Append("<span class=\"badge judgement\">judgement</span>").Append(E(j.Reason));
                    break;
                default:
                    _html.Append("<span class=\"badge missing\">no evidence</span>");
                    break;
            }
            _html.Append("</td></tr>\n");
        }

        private void Method()
        {
            var mc = result.Options.MonteCarlo;
            _html.Append("<section class=\"card\" id=\"method\">\n<h2>Models and method</h2>\n<table class=\"model-list\">\n")
                .Append("<thead><tr><th>Model</th><th>What it does</th><th>Source</th></tr></thead>\n<tbody>\n");
            foreach (var m in result.Models)
            {
                _html.Append("<tr><td><span class=\"swatch\" style=\"background:").Append(ColourOf(m)).Append("\"></span>").Append(E(m.Name))
                    .Append("</td><td>").Append(E(m.Model.Info.Summary));
                if (m.Error is not null) _html.Append("<div class=\"error\">").Append(E(m.Error)).Append("</div>");
                _html.Append("</td><td>").Append(E(m.Model.Info.Citation)).Append("</td></tr>\n");
            }
            _html.Append("</tbody>\n</table>\n<p class=\"note\">")
                .Append(E(mc.Draws > 0 ? $"Uncertainty: {mc.Draws.ToString("N0", CultureInfo.InvariantCulture)} Monte Carlo draws with seed {mc.Seed}. " : "Point forecasts only: no Monte Carlo draws were made. "))
                .Append("Each input with a range is drawn from it (uniform between low and high, or triangular with the given mode); inputs without a range keep their value. ")
                .Append("Draws are reproducible and independent of the number of threads. Quantiles interpolate between order statistics (type 7). ")
                .Append("“Most likely position” is the labelled position the outcome fell nearest to most often. ")
                .Append("The tornado varies one input at a time over its range with the other uncertain inputs at their centre (the mode, else the midpoint).")
                .Append("</p>\n");
            foreach (var method in result.Headlines.Select(h => h.Method).Distinct())
                _html.Append("<p class=\"note\"><strong>Parley forecast.</strong> ").Append(E(method))
                    .Append(". Its 80% interval adds the calibrated model error to Monte Carlo draws of the forecast over the input ranges (model error alone when no input has a range).</p>\n");
            _html.Append("</section>\n");
        }

        private void Chart(string svg) => _html.Append("<div class=\"chart-wrap\">\n").Append(svg).Append("\n</div>\n");

        private static string RangeText(InputRange r) => r.Mode is { } m
            ? $"{ChartText.Number(r.Low)}–{ChartText.Number(r.High)} (mode {ChartText.Number(m)})"
            : $"{ChartText.Number(r.Low)}–{ChartText.Number(r.High)}";

        private static string Signed(double v, Core.Domain.Scale scale) =>
            !double.IsFinite(v) ? "–" : (v > 0 ? "+" : v < 0 ? "−" : "±") + ChartText.Value(Math.Abs(v), scale);

        private static string E(string text) => SvgDocument.Escape(text);
    }
}
