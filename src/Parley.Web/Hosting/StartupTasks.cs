using Parley.Storage;
using Parley.Web.Scenarios;

namespace Parley.Web.Hosting;

/// <summary>
/// Before the server takes requests: create or upgrade the database, mark the jobs a previous process left
/// unfinished as interrupted, and seed an empty database with the template and the bundled Hague scenario.
/// </summary>
public sealed class StartupTasks(ParleyStore store, ScenarioService scenarios, ServerOptions options, ILogger<StartupTasks> log) : IHostedService
{
    /// <summary>True when this start created the database (for the start-up line).</summary>
    public bool Seeded { get; private set; }

    public int Interrupted { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        await store.Migrate(ct);
        Interrupted = await store.MarkInterrupted(ct);
        if (Interrupted > 0) log.LogWarning("{Count} analysis job(s) were cut short by the last stop and are marked interrupted (rerun them with POST /api/runs/ID/rerun)", Interrupted);
        if (options.Seed && await store.IsEmpty(ct))
        {
            await scenarios.SeedIfEmpty(ct);
            Seeded = true;
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
