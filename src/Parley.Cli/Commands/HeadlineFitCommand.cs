using System.Globalization;
using System.Text;
using Parley.Application.Backtesting;
using Parley.Cli.Rendering;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley backtest DATASET... --fit-headline [--folds K] [--seed N] [--out DIR]`: the headline's nested
/// cross-validation on the pooled training data and the constants to ship (see docs/headline.md).
/// </summary>
public static class HeadlineFitCommand
{
    public static int Run(CliConsole console, IReadOnlyList<string> datasets, int folds, ulong? seed, string? outDir, bool modelOptionsGiven)
    {
        if (modelOptionsGiven)
            throw new UsageException("--fit-headline fits its own candidates under every capability basis: --model, --capability and --json do not apply");
        var outcome = new HeadlineFitService().Run(new HeadlineFitRequest(datasets) { Folds = folds, Seed = seed }, console.Cancellation);
        if (outDir is not null)
        {
            var path = Path.Combine(OutputFiles.CheckFolder(outDir, "--out"), "headline-cases.csv");
            OutputFiles.Write(path, CasesCsv(outcome), "--out");
            console.Error.WriteLine($"parley: wrote {path}");
        }
        HeadlineFitTable.Render(console.Out, outcome.Evaluation);
        console.Notes(outcome.Notes);
        return ExitCodes.Ok;
    }

    /// <summary>data_set,case,group,model,fold,forecast,p10,p90,outcome — every held-out forecast of the evaluation.</summary>
    private static string CasesCsv(HeadlineFitOutcome outcome)
    {
        static string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("0.######", CultureInfo.InvariantCulture) : "";
        static string Q(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        var sb = new StringBuilder("data_set,case,group,model,fold,forecast,p10,p90,outcome\n");
        foreach (var e in outcome.Evaluation.Report.Errors)
            sb.Append(Q(e.Stratum)).Append(',').Append(Q(e.Case)).Append(',').Append(Q(e.Group)).Append(',').Append(Q(e.Model)).Append(',')
              .Append(e.Fold.ToString(CultureInfo.InvariantCulture)).Append(',').Append(F(e.Forecast)).Append(',')
              .Append(F(e.Interval?.P10)).Append(',').Append(F(e.Interval?.P90)).Append(',').Append(F(e.Outcome)).Append('\n');
        return sb.ToString();
    }
}
