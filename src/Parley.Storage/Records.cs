namespace Parley.Storage;

/// <summary>
/// A scenario as stored: a name for lists and the number of its latest version. Its content lives in its versions;
/// <see cref="LatestVersion"/> is the optimistic-concurrency token that turns two saves against the same base into
/// one success and one conflict.
/// </summary>
public sealed class ScenarioRecord
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int LatestVersion { get; set; }
    public List<ScenarioVersionRecord> Versions { get; set; } = [];
}

/// <summary>One saved version of a scenario: the source text exactly as written (YAML or JSON), who, when and why. Never changed.</summary>
public sealed class ScenarioVersionRecord
{
    public long Id { get; set; }
    public long ScenarioId { get; set; }
    public ScenarioRecord? Scenario { get; set; }

    /// <summary>1, 2, 3… within the scenario.</summary>
    public int Number { get; set; }

    /// <summary>The source's format as ScenarioLoader names it (yaml, json, …).</summary>
    public required string Format { get; set; }

    public required string Source { get; set; }
    public required string Title { get; set; }
    public required string Author { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What a run is.</summary>
public static class RunKinds
{
    /// <summary>The point forecast of every chosen model (`parley run`).</summary>
    public const string Forecast = "forecast";

    /// <summary>Monte Carlo distributions, tornado, shocks (`parley analyze`), run as a job.</summary>
    public const string Analysis = "analysis";
}

/// <summary>Where a run is. A run that was queued or running when the server stopped is <see cref="Interrupted"/>.</summary>
public static class RunStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Interrupted = "interrupted";

    public static bool IsFinished(string status) => status is Succeeded or Failed or Cancelled or Interrupted;
}

/// <summary>
/// A forecast or an analysis of one scenario version: the request (models, settings, seed, draws, what-ifs) as JSON,
/// Parley's version, and once finished the result document, the HTML report and the charts. An analysis is also a
/// job: its status and progress change while it runs; its request and its result, once written, never do.
/// </summary>
public sealed class RunRecord
{
    public long Id { get; set; }
    public long VersionId { get; set; }
    public ScenarioVersionRecord? Version { get; set; }
    public required string Kind { get; set; }
    public required string Status { get; set; }
    public required string RequestJson { get; set; }
    public required string ParleyVersion { get; set; }
    public required string Author { get; set; }

    /// <summary>A name for the run (e.g. the what-if it applies), shown in lists.</summary>
    public string? Label { get; set; }

    /// <summary>The run this one is compared with (a what-if's base run), if any.</summary>
    public long? BaseRunId { get; set; }

    /// <summary>The run this one repeats (POST …/rerun of an interrupted or failed job).</summary>
    public long? RerunOf { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long ProgressDone { get; set; }
    public long ProgressTotal { get; set; }
    public string? ResultJson { get; set; }
    public string? ReportHtml { get; set; }
    public string? ChartsJson { get; set; }

    /// <summary>Why it failed, as a ParleyError (JSON), when it did.</summary>
    public string? ErrorJson { get; set; }
}
