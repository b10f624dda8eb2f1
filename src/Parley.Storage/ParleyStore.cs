using Microsoft.EntityFrameworkCore;

namespace Parley.Storage;

/// <summary>What a save writes: the source exactly as written and who saved it why.</summary>
public sealed record NewVersion(string Format, string Source, string Title, string Author, string? Message);

/// <summary>A scenario in lists.</summary>
public sealed record ScenarioSummary(long Id, string Title, int LatestVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A run in lists (without its documents).</summary>
public sealed record RunSummary(long Id, long ScenarioId, int Version, string Kind, string Status, string? Label, long? BaseRunId,
    long? RerunOf, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, long ProgressDone, long ProgressTotal, string ParleyVersion);

/// <summary>
/// Every read and write of the web app's data. Each method uses its own context, and each write is one transaction:
/// a scenario version is only ever added (never changed), and a save names the version it was based on so that a
/// concurrent save turns into a <see cref="VersionConflictException"/> rather than a lost update.
/// </summary>
public sealed class ParleyStore(DatabaseTarget target)
{
    public DatabaseTarget Target { get; } = target;

    /// <summary>Creates or upgrades the schema (SQLite: the file and its folder, in WAL mode).</summary>
    public async Task Migrate(CancellationToken ct = default)
    {
        if (Target.SqlitePath is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir) Directory.CreateDirectory(dir);
        await using var db = Target.CreateContext();
        await db.Database.MigrateAsync(ct);
        // WAL: readers never wait for the writer, and a crash mid-write leaves the last committed state intact.
        if (Target.Provider == DatabaseProvider.Sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    public async Task<bool> IsEmpty(CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        return !await db.Scenarios.AnyAsync(ct);
    }

    public async Task<ScenarioVersionRecord> CreateScenario(NewVersion v, CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        var now = DateTimeOffset.UtcNow;
        var version = Version(v, 1, now);
        var scenario = new ScenarioRecord { Title = v.Title, CreatedAt = now, LatestVersion = 1, Versions = [version] };
        db.Scenarios.Add(scenario);
        await db.SaveChangesAsync(ct);
        return version;
    }

    /// <summary>Adds version <paramref name="baseVersion"/> + 1; throws <see cref="VersionConflictException"/> when the base is not the latest.</summary>
    public async Task<ScenarioVersionRecord> SaveVersion(long scenarioId, int baseVersion, NewVersion v, CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        var scenario = await db.Scenarios.FirstOrDefaultAsync(s => s.Id == scenarioId, ct)
                       ?? throw new NotFoundException($"no scenario {scenarioId}");
        if (scenario.LatestVersion != baseVersion) throw new VersionConflictException(scenarioId, baseVersion, scenario.LatestVersion);
        var version = Version(v, baseVersion + 1, DateTimeOffset.UtcNow);
        version.ScenarioId = scenarioId;
        scenario.LatestVersion = baseVersion + 1; // concurrency token: the UPDATE matches only if nobody saved meanwhile
        scenario.Title = v.Title;
        db.Versions.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) // DbUpdateConcurrencyException, or the unique (scenario, number) index on a race
        {
            await using var fresh = Target.CreateContext();
            int latest = await fresh.Scenarios.Where(s => s.Id == scenarioId).Select(s => s.LatestVersion).FirstAsync(ct);
            if (latest != baseVersion) throw new VersionConflictException(scenarioId, baseVersion, latest);
            throw new InvalidOperationException("saving the version failed: " + e.InnerException?.Message, e);
        }
        return version;
    }

    public async Task<IReadOnlyList<ScenarioSummary>> ListScenarios(CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        var rows = await db.Scenarios.OrderBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.Title, s.LatestVersion, s.CreatedAt,
                Updated = s.Versions.Where(v => v.Number == s.LatestVersion).Select(v => v.CreatedAt).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new ScenarioSummary(r.Id, r.Title, r.LatestVersion, r.CreatedAt, r.Updated)).ToArray();
    }

    public async Task<ScenarioRecord> GetScenario(long id, CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        return await db.Scenarios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException($"no scenario {id}");
    }

    /// <summary>Every version of a scenario, oldest first, without their source text.</summary>
    public async Task<IReadOnlyList<ScenarioVersionRecord>> ListVersions(long scenarioId, CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        if (!await db.Scenarios.AnyAsync(s => s.Id == scenarioId, ct)) throw new NotFoundException($"no scenario {scenarioId}");
        var rows = await db.Versions.AsNoTracking().Where(v => v.ScenarioId == scenarioId).OrderBy(v => v.Number)
            .Select(v => new ScenarioVersionRecord
            {
                Id = v.Id, ScenarioId = v.ScenarioId, Number = v.Number, Format = v.Format, Source = "", Title = v.Title,
                Author = v.Author, Message = v.Message, CreatedAt = v.CreatedAt,
            })
            .ToListAsync(ct);
        return rows;
    }

    /// <summary>One version with its source; <paramref name="number"/> null = the latest.</summary>
    public async Task<ScenarioVersionRecord> GetVersion(long scenarioId, int? number, CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        var query = db.Versions.AsNoTracking().Where(v => v.ScenarioId == scenarioId);
        var version = number is { } n
            ? await query.FirstOrDefaultAsync(v => v.Number == n, ct)
            : await query.OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        return version ?? throw new NotFoundException(number is null ? $"no scenario {scenarioId}" : $"no version {number} of scenario {scenarioId}");
    }

    public async Task<ScenarioVersionRecord> GetVersionById(long versionId, CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        return await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, ct)
               ?? throw new NotFoundException($"no scenario version with id {versionId}");
    }

    public async Task<RunRecord> AddRun(RunRecord run, CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        run.CreatedAt = DateTimeOffset.UtcNow;
        db.Runs.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    public async Task<RunRecord> GetRun(long id, CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        return await db.Runs.AsNoTracking().Include(r => r.Version).FirstOrDefaultAsync(r => r.Id == id, ct)
               ?? throw new NotFoundException($"no run {id}");
    }

    /// <summary>Runs, newest first: of one scenario (and one version) when given.</summary>
    public async Task<IReadOnlyList<RunSummary>> ListRuns(long? scenarioId = null, int? version = null, int limit = 200, CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        var query = db.Runs.AsNoTracking();
        if (scenarioId is { } s) query = query.Where(r => r.Version!.ScenarioId == s);
        if (version is { } v) query = query.Where(r => r.Version!.Number == v);
        return await query.OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, 1000))
            .Select(r => new RunSummary(r.Id, r.Version!.ScenarioId, r.Version.Number, r.Kind, r.Status, r.Label, r.BaseRunId, r.RerunOf,
                r.CreatedAt, r.FinishedAt, r.ProgressDone, r.ProgressTotal, r.ParleyVersion))
            .ToListAsync(ct);
    }

    /// <summary>Marks a queued run running (false when it is no longer queued, e.g. cancelled before it started).</summary>
    public async Task<bool> MarkRunning(long id, CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        return await db.Runs.Where(r => r.Id == id && r.Status == RunStatuses.Queued)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RunStatuses.Running).SetProperty(r => r.StartedAt, DateTimeOffset.UtcNow), ct) == 1;
    }

    public async Task SaveProgress(long id, long done, long total, CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        await db.Runs.Where(r => r.Id == id && r.Status == RunStatuses.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ProgressDone, done).SetProperty(r => r.ProgressTotal, total), ct);
    }

    /// <summary>Writes a finished run's outcome once: only a run that is not yet finished is changed.</summary>
    public async Task<bool> Finish(long id, string status, string? resultJson, string? reportHtml, string? chartsJson, string? errorJson,
        CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException($"no run {id}");
        if (RunStatuses.IsFinished(run.Status)) return false;
        run.Status = status;
        run.FinishedAt = DateTimeOffset.UtcNow;
        run.ResultJson = resultJson;
        run.ReportHtml = reportHtml;
        run.ChartsJson = chartsJson;
        run.ErrorJson = errorJson;
        if (status == RunStatuses.Succeeded) run.ProgressDone = run.ProgressTotal;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>At start-up: every run left queued or running by a previous process (a crash, a kill) is marked interrupted.</summary>
    public async Task<int> MarkInterrupted(CancellationToken ct = default)
    {
        await using var db = Target.CreateContext();
        return await db.Runs.Where(r => r.Status == RunStatuses.Queued || r.Status == RunStatuses.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RunStatuses.Interrupted).SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow), ct);
    }

    private static ScenarioVersionRecord Version(NewVersion v, int number, DateTimeOffset at) => new()
    {
        Number = number, Format = v.Format, Source = v.Source, Title = v.Title, Author = v.Author, Message = v.Message, CreatedAt = at,
    };
}
