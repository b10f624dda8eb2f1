namespace Parley.Storage;

/// <summary>A save against a version that is no longer the latest: someone else saved first. Nothing was written.</summary>
public sealed class VersionConflictException(long scenarioId, int baseVersion, int latestVersion)
    : Exception($"scenario {scenarioId} is at version {latestVersion}, not {baseVersion}: someone saved a newer version; reload it and save again")
{
    public long ScenarioId { get; } = scenarioId;
    public int BaseVersion { get; } = baseVersion;
    public int LatestVersion { get; } = latestVersion;
}

/// <summary>A scenario, version or run that does not exist.</summary>
public sealed class NotFoundException(string message) : Exception(message);
