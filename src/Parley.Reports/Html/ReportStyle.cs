namespace Parley.Reports.Html;

/// <summary>The report's inline stylesheet (system fonts only; prints cleanly).</summary>
internal static class ReportStyle
{
    public const string Css = """
:root { --ink:#1f2933; --muted:#5f6b7a; --line:#dde3ea; --soft:#f5f7fa; --accent:#0072B2; --warn:#b35900; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin:0; background:#eef1f5; color:var(--ink); font: 15px/1.55 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 28px 24px 60px; }
header.report { background:#fff; border-radius:12px; padding:28px 32px; margin-bottom:22px; border-top:6px solid var(--accent); }
header.report h1 { margin:0 0 6px; font-size:28px; line-height:1.2; }
header.report .sub { color:var(--muted); margin:0; }
section.card { background:#fff; border-radius:12px; padding:24px 32px; margin-bottom:22px; }
h2 { font-size:21px; margin:0 0 4px; }
h3 { font-size:16px; margin:22px 0 6px; color:var(--ink); }
p.lead { color:var(--muted); margin:0 0 14px; }
.glance { display:grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap:14px; }
.glance .item { border:1px solid var(--line); border-radius:10px; padding:14px 16px; background:var(--soft); }
.glance .issue-title { font-size:13px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); margin-bottom:4px; }
.glance .verdict { font-size:20px; font-weight:700; line-height:1.25; margin-bottom:6px; }
.glance .detail { font-size:13.5px; color:var(--ink); }
.headline { border-left:5px solid var(--accent); background:var(--soft); padding:12px 16px; border-radius:0 8px 8px 0; margin:10px 0 14px; }
.headline .verdict { font-size:19px; font-weight:700; }
.chart-wrap { overflow-x:auto; margin: 6px 0 4px; }
svg.chart { display:block; max-width:100%; height:auto; }
table { border-collapse: collapse; width:100%; font-size:13.5px; margin:8px 0 6px; }
th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:12px; text-transform:uppercase; letter-spacing:.03em; color:var(--muted); font-weight:600; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; white-space:nowrap; }
.swatch { display:inline-block; width:11px; height:11px; border-radius:50%; margin-right:6px; vertical-align:-1px; }
.badge { display:inline-block; font-size:11px; font-weight:700; padding:1px 7px; border-radius:9px; margin-right:6px; text-transform:uppercase; letter-spacing:.03em; }
.badge.judgement { background:#fdecc8; color:#7a4a00; }
.badge.quote { background:#dcecf7; color:#0b4f7a; }
.badge.missing { background:#f9d9d2; color:#8a2a12; }
.note { color:var(--muted); font-size:13px; }
.error { color:#8a2a12; }
.conv { color:#9a5b00; font-weight:700; cursor:help; }
.caveat { color:#7a4a00; font-size:13px; margin-top:4px; }
td.convergence { font-size:13px; color:var(--muted); }
details { margin:8px 0; }
details > summary { cursor:pointer; color:var(--accent); font-weight:600; }
blockquote { margin:0; font-style:italic; }
footer { color:var(--muted); font-size:12.5px; text-align:center; margin-top:10px; }
@media print { body { background:#fff; } section.card, header.report { break-inside: avoid-page; } details { display:block; } }
""";
}
