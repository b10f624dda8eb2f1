using System.CommandLine;
using Parley.Backtest;
using Parley.Cli.Rendering;
using Parley.Application.Backtesting;
using Parley.Contracts.V1;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley backtest DATASET [--model NAME]... [--capability equal|council|council-mean|scenario|FILE] [--folds K]
/// [--seed N] [--out DIR] [--json] [--cluster CONN [--batch-size N]]`: scores models against known outcomes (a DEU file, or a folder of scenarios
/// whose issues carry an outcome).
/// </summary>
public static class BacktestCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new Argument<string[]>("dataset")
        {
            Description = "A DEU data file (tab-separated, recognised by its header; e.g. DEU III, doi:10.34810/data53) or a folder of scenario files whose issues carry an outcome. Several only with --fit-headline.",
            Arity = ArgumentArity.OneOrMore,
        };
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Model or benchmark to score (repeatable; NAME:KEY=VALUE,... gives a model its settings, e.g. eum:variant=paper). Default: all of " + string.Join(", ", Backtester.Names()) + ".",
        };
        var capability = new Option<string?>("--capability")
        {
            Description = "Capabilities: equal, council (Council votes of the treaty regime at the decision date; Commission and Parliament = largest member), council-mean (institutions = mean member), scenario (as the files give them), gdp (the GDP row of the blksv DEU file), or a CSV file actor,capability. Default: equal for DEU, scenario for a folder.",
        };
        var folds = new Option<int>("--folds") { Description = "Folds of the cross-validation by proposal for tuned predictors (≥ 2).", DefaultValueFactory = _ => 10 };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the fold assignment and of the models' random draws (default 20250624)." };
        var outDir = new Option<string?>("--out") { Description = "Write case-errors.csv, summary.csv and skipped.csv into this folder (created if needed; existing files are replaced once the new ones are complete)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of the table (see docs/accuracy.md)." };
        var fitHeadline = new Option<bool>("--fit-headline")
        {
            Description = "Fit the headline forecast on the data sets pooled (e.g. a DEU file and data/cases/): nested cross-validation against the benchmarks, then the constants to ship (see docs/headline.md).",
        };
        var cluster = new ClusterOptions("every model's forecasts of the cases");
        var command = new Command("backtest", "Score models against known outcomes: MAE, RMSE, median absolute error, share within 10 points (0–100 scale).");
        command.Arguments.Add(dataset);
        command.Options.Add(models);
        command.Options.Add(capability);
        command.Options.Add(folds);
        command.Options.Add(seed);
        command.Options.Add(outDir);
        command.Options.Add(json);
        command.Options.Add(fitHeadline);
        cluster.AddTo(command);
        command.SetAction(parse =>
        {
            var datasets = parse.GetValue(dataset)!;
            bool clustered = cluster.Requested(parse);
            if (clustered) ClusterOptions.Connection(parse.GetValue(cluster.Cluster)!); // a bad value fails before any work
            if (clustered && parse.GetValue(fitHeadline)) throw new UsageException("--cluster: not with --fit-headline");
            if (parse.GetValue(outDir) is { } folder) OutputFiles.CheckFolder(folder, "--out"); // before the backtest, not after
            if (parse.GetValue(fitHeadline))
                return HeadlineFitCommand.Run(console, datasets, parse.GetValue(folds), parse.GetValue(seed), parse.GetValue(outDir),
                    parse.GetValue(models) is { Length: > 0 } || parse.GetValue(capability) is not null || parse.GetValue(json));
            if (datasets.Length > 1)
                throw new UsageException($"backtest scores one data set (got {datasets.Length}); several data sets are pooled only with --fit-headline");
            var request = new BacktestRequest(datasets[0])
            {
                Predictors = parse.GetValue(models) ?? [],
                Capability = parse.GetValue(capability),
                Folds = parse.GetValue(folds),
                Seed = parse.GetValue(seed),
            };
            if (clustered) new BacktestService().Plan(request); // a bad data set or convention is reported before connecting
            var outcome = clustered ? cluster.Run(parse, request, console) : new BacktestService().Run(request, console.Cancellation);
            var report = outcome.Report;
            if (parse.GetValue(outDir) is { } dir)
                foreach (var (name, content) in new[]
                         {
                             ("case-errors.csv", ReportWriter.CaseErrorsCsv(report)), ("summary.csv", ReportWriter.SummaryCsv(report)),
                             ("skipped.csv", ReportWriter.SkippedCsv(report)),
                         })
                {
                    var file = Path.Combine(dir, name);
                    OutputFiles.Write(file, content, "--out");
                    console.Error.WriteLine($"parley: wrote {file}");
                }
            if (parse.GetValue(json)) console.RawOut.WriteLine(ContractJson.Write(BacktestMapper.Map(report)));
            else BacktestTable.Render(console.Out, report);
            console.Notes(outcome.Notes);
            return ExitCodes.Ok;
        });
        return command;
    }
}
