using System.Globalization;
using System.Text;

namespace Parley.Backtest;

/// <summary>Writes a backtest's per-case errors and summary as CSV files (<c>--out DIR</c>).</summary>
public static class ReportWriter
{
    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.######", CultureInfo.InvariantCulture) : "";

    private static string Q(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>case,group,model,fold,forecast,outcome,abs_error — one row per forecast (fold −1: untuned).</summary>
    public static string CaseErrorsCsv(BacktestReport report)
    {
        var sb = new StringBuilder("case,group,model,fold,forecast,outcome,abs_error\n");
        foreach (var e in report.Errors)
            sb.Append(Q(e.Case)).Append(',').Append(Q(e.Group)).Append(',').Append(Q(e.Model)).Append(',')
              .Append(e.Fold.ToString(CultureInfo.InvariantCulture)).Append(',').Append(F(e.Forecast)).Append(',')
              .Append(F(e.Outcome)).Append(',').Append(F(e.AbsError)).Append('\n');
        return sb.ToString();
    }

    /// <summary>model,kind,n,not_applicable,failed,mae,rmse,median_ae,within10,held_out,fold_choices.</summary>
    public static string SummaryCsv(BacktestReport report)
    {
        var sb = new StringBuilder("model,kind,n,not_applicable,failed,mae,rmse,median_ae,within10,held_out,fold_choices\n");
        foreach (var m in report.Models)
            sb.Append(Q(m.Name)).Append(',').Append(m.Kind).Append(',').Append(m.Errors.N).Append(',').Append(m.NotApplicable)
              .Append(',').Append(m.Failed).Append(',').Append(F(m.Errors.Mae)).Append(',').Append(F(m.Errors.Rmse)).Append(',')
              .Append(F(m.Errors.MedianAe)).Append(',').Append(F(m.Errors.Within10)).Append(',').Append(m.HeldOut ? "true" : "false")
              .Append(',').Append(Q(string.Join(";", m.FoldChoices))).Append('\n');
        return sb.ToString();
    }

    /// <summary>skipped.csv: case,reason.</summary>
    public static string SkippedCsv(BacktestReport report)
    {
        var sb = new StringBuilder("case,reason\n");
        foreach (var s in report.SkippedCases) sb.Append(Q(s.Id)).Append(',').Append(Q(s.Reason)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes case-errors.csv, summary.csv and skipped.csv into <paramref name="directory"/> (created if needed).</summary>
    public static IReadOnlyList<string> Write(BacktestReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new (string Name, string Content)[]
        {
            ("case-errors.csv", CaseErrorsCsv(report)), ("summary.csv", SummaryCsv(report)), ("skipped.csv", SkippedCsv(report)),
        };
        var written = new List<string>();
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, content, new UTF8Encoding(false));
            written.Add(path);
        }
        return written;
    }
}
