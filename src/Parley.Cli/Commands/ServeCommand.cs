using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Parley.Web.Hosting;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley serve [--port N] [--host ADDR] [--db CONNECTION] [--data DIR] [--tokens-file FILE] [--max-jobs N] [--max-draws N] [--cluster CONN]`:
/// the web app and HTTP API (docs/web.md). Without --db (or PARLEY_DB) it keeps a SQLite file in the data folder.
/// </summary>
public static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port") { Description = $"Port to listen on (default {ServerOptions.DefaultPort}; 0 = any free port).", DefaultValueFactory = _ => ServerOptions.DefaultPort };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on (default 127.0.0.1). Any non-loopback address needs tokens (PARLEY_TOKENS or --tokens-file).",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var db = new Option<string?>("--db") { Description = "Database: \"Host=…;Database=…\" for PostgreSQL, else a SQLite file or connection string (default: PARLEY_DB, else parley.db in the data folder)." };
        var data = new Option<string?>("--data") { Description = $"Data folder for the SQLite database and keys (default: PARLEY_DATA, else {DataFolder.Default})." };
        var tokens = new Option<string?>("--tokens-file") { Description = "File of API/sign-in tokens, one NAME=TOKEN per line (also PARLEY_TOKENS)." };
        var jobs = new Option<int?>("--max-jobs") { Description = "Analyses that run at once (default 2)." };
        var draws = new Option<int?>("--max-draws") { Description = "The most Monte Carlo draws one analysis may ask for (default 100,000)." };
        var cluster = ClusterOptions.ClusterOption("Run analysis jobs on the workers of this cluster (localhost, localhost:SILO_PORT:GATEWAY_PORT, Host=... for PostgreSQL, redis://HOST:PORT; default: PARLEY_CLUSTER, else in this process). Results are identical.");
        var command = new Command("serve", "Start the web app and HTTP API (default http://127.0.0.1:5171/; see docs/web.md).")
        {
            port, host, db, data, tokens, jobs, draws, cluster,
        };
        command.SetAction((parse, _) =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Parley:Port"] = parse.GetValue(port).ToString(CultureInfo.InvariantCulture),
                ["Parley:Host"] = parse.GetValue(host),
            };
            if (parse.GetValue(db) is { } d) settings["Parley:Database"] = d;
            if (parse.GetValue(data) is { } f) settings["Parley:Data"] = f;
            if (parse.GetValue(tokens) is { } t) settings["Parley:TokensFile"] = t;
            if (parse.GetValue(jobs) is { } j) settings["Parley:MaxConcurrentJobs"] = j.ToString(CultureInfo.InvariantCulture);
            if (parse.GetValue(draws) is { } n) settings["Parley:MaxDrawsPerJob"] = n.ToString(CultureInfo.InvariantCulture);
            var connection = Connection(parse.GetValue(cluster)); // a bad value: exit 2 before starting
            return ParleyServer.RunAsync([], settings, console.RawOut, console.Error, console.Cancellation, connection is null ? null : services =>
                services.AddSingleton<Parley.Web.Jobs.IAnalysisBackend>(new ClusterAnalysisBackend(connection)));
        });
        return command;
    }

    /// <summary>The cluster from --cluster, else from PARLEY_CLUSTER (an error names the one it came from); null = this process.</summary>
    private static Parley.Cluster.Hosting.ClusterConnection? Connection(string? option)
    {
        if (option is not null) return ClusterOptions.Connection(option);
        var variable = Environment.GetEnvironmentVariable("PARLEY_CLUSTER");
        if (string.IsNullOrWhiteSpace(variable)) return null;
        try
        {
            return ClusterOptions.Connection(variable);
        }
        catch (Parley.Cluster.ClusterException e)
        {
            throw new Parley.Cluster.ClusterException("PARLEY_CLUSTER" + e.Message["--cluster".Length..], e);
        }
    }
}
