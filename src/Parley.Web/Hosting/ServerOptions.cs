using System.Net;
using Microsoft.Extensions.Configuration;

namespace Parley.Web.Hosting;

/// <summary>
/// The server's settings, read from configuration section <c>Parley</c> (command line <c>--Parley:Port=…</c>,
/// appsettings, or what `parley serve` passes) and the environment variables PARLEY_DB, PARLEY_DATA and PARLEY_TOKENS.
/// </summary>
public sealed record ServerOptions
{
    public const int DefaultPort = 5171;

    /// <summary>The address to listen on; anything but a loopback address needs authentication.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port (0 = any free port).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The folder for the SQLite database (default: <see cref="DataFolder.Default"/>).</summary>
    public string? Data { get; init; }

    /// <summary>A connection string: <c>Host=…;Database=…</c> for PostgreSQL, else SQLite. Null: SQLite in <see cref="Data"/>.</summary>
    public string? Database { get; init; }

    /// <summary>Analyses that run at once; more wait in the queue.</summary>
    public int MaxConcurrentJobs { get; init; } = 2;

    /// <summary>Analyses that may wait; a request beyond it is refused (HTTP 429).</summary>
    public int MaxQueuedJobs { get; init; } = 50;

    /// <summary>The most Monte Carlo draws (and Sobol rows) one analysis may ask for.</summary>
    public int MaxDrawsPerJob { get; init; } = 100_000;

    /// <summary>Worker threads per analysis (0: the machine's cores shared among <see cref="MaxConcurrentJobs"/>).</summary>
    public int ThreadsPerJob { get; init; }

    /// <summary>API tokens as <c>NAME=TOKEN</c> pairs separated by ';' (also PARLEY_TOKENS).</summary>
    public string? Tokens { get; init; }

    /// <summary>A file of tokens, one <c>NAME=TOKEN</c> per line (# starts a comment).</summary>
    public string? TokensFile { get; init; }

    /// <summary>Seed an empty database with the bundled Hague scenario and a template.</summary>
    public bool Seed { get; init; } = true;

    /// <summary>The largest request body, as `parley` reads at most 50 MB from a file.</summary>
    public long MaxRequestBytes { get; init; } = Formats.ScenarioFiles.MaxBytes;

    public static ServerOptions From(IConfiguration configuration)
    {
        var o = configuration.GetSection("Parley").Get<ServerOptions>() ?? new ServerOptions();
        return o with
        {
            Database = Blank(o.Database) ?? Blank(Environment.GetEnvironmentVariable("PARLEY_DB")),
            Data = Blank(o.Data) ?? Blank(Environment.GetEnvironmentVariable("PARLEY_DATA")),
            Tokens = Blank(o.Tokens) ?? Blank(Environment.GetEnvironmentVariable("PARLEY_TOKENS")),
        };
    }

    /// <summary>True when <see cref="Host"/> is a loopback address (127.0.0.0/8, ::1, localhost).</summary>
    public bool IsLoopback => Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                              || (IPAddress.TryParse(Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public int EffectiveThreads => ThreadsPerJob > 0 ? ThreadsPerJob : Math.Max(1, Environment.ProcessorCount / Math.Max(1, MaxConcurrentJobs));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

/// <summary>Where the SQLite database lives unless told otherwise.</summary>
public static class DataFolder
{
    /// <summary>$XDG_DATA_HOME/parley, else ~/.local/share/parley (Linux), %LOCALAPPDATA%\parley (Windows).</summary>
    public static string Default
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            var root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(root)) root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return Path.Combine(root, "parley");
        }
    }

    public const string DatabaseFile = "parley.db";
}
