// Parley as a library: read a scenario (a file given as the argument, else the bundled NATO Hague 2025 scenario),
// run two models through the application layer, and print each issue's headline (the Parley forecast with its 80%
// interval) and the two models' forecasts as its evidence.
using System.Globalization;
using Parley.Application;
using Parley.Application.Forecasting;
using Parley.Application.Models;
using Parley.Application.Scenarios;

var loader = new ScenarioLoader();
LoadedScenario loaded;
try
{
    loaded = args.Length > 0 ? loader.Load(args[0]) : loader.Bundled();
}
catch (Exception e) when (ParleyError.From(e) is { Internal: false } error)
{
    // a bad file is reported with every located problem, as the CLI does
    Console.Error.WriteLine(error.Diagnostics.Count > 0 ? string.Join(Environment.NewLine, error.Diagnostics) : error.Message);
    return 2;
}

var forecast = new ForecastService().Run(loaded.Scenario, new ModelRequest { Models = ["compromise", "median"] });
Console.WriteLine(loaded.Scenario.Metadata.Title);
foreach (var issue in loaded.Scenario.Issues)
{
    Console.WriteLine($"  {issue.Title} ({issue.Scale.Min.ToString(CultureInfo.InvariantCulture)}–{issue.Scale.Max.ToString(CultureInfo.InvariantCulture)} {issue.Scale.Unit})");
    if (forecast.Headlines.FirstOrDefault(h => h.Issue == issue.Id) is { } headline)
        Console.WriteLine($"    Parley forecast {Number(headline.Forecast),8}  (80% interval {Number(headline.P10)}–{Number(headline.P90)})");
    foreach (var run in forecast.Runs)
    {
        double value = run.Result.For(issue.Id)!.Forecast;
        string anchor = issue.NearestAnchor(value)?.Label is { } label ? $"  ≈ {label}" : "";
        Console.WriteLine($"    {run.Name,-11} {value.ToString("0.##", CultureInfo.InvariantCulture),8}{anchor}");
    }
}
foreach (var note in forecast.Notes) Console.Error.WriteLine($"note: {note.Text}");
return 0;

static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
