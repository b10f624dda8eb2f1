using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Storage;
using Parley.Web.Components;

namespace Parley.Web.Tests;

/// <summary>
/// The web app on a fresh database (a SQLite file in a temporary folder, or a throwaway PostgreSQL database), through
/// WebApplicationFactory: in memory by default, on a real Kestrel port when <paramref name="kestrel"/> (browser tests).
/// </summary>
public sealed class ParleyFactory : WebApplicationFactory<App>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _kestrel;

    public ParleyFactory(string? database = null, IDictionary<string, string?>? settings = null, bool kestrel = false)
    {
        DataFolder = Directory.CreateTempSubdirectory("parley-web-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Parley:Data"] = DataFolder,
            ["Parley:Database"] = database,
            ["Parley:Listen"] = "false",
            ["Parley:MaxDrawsPerJob"] = "200000",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
        _kestrel = kestrel;
        if (kestrel)
        {
            UseKestrel(0);
            StartServer();
        }
    }

    public string DataFolder { get; }

    public ParleyStore Store => Services.GetRequiredService<ParleyStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.UseEnvironment("Production");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
