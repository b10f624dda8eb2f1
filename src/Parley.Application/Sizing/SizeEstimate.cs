using System.Globalization;
using Parley.Core;

namespace Parley.Application.Sizing;

/// <summary>
/// One model's part of a planned run or analysis: the runs it takes, the cost of one (<see cref="CostModel"/>; null when
/// the model has no cost model), and the memory it needs at its peak: the largest block of outcomes it keeps at once
/// (draws × issues, or Sobol rows × columns, 8 bytes each; exact) plus the working memory of the runs in flight.
/// </summary>
public sealed record ModelEstimate(string Model, int Actors, int Issues, long Runs, RunCost? PerRun, long PeakBytes, string PeakOption)
{
    public double CpuSeconds => PerRun is null ? 0 : Runs * PerRun.CpuSeconds;
}

/// <summary>
/// What a planned run or analysis will cost, model by model, said before it starts: <see cref="Warnings"/> for the
/// models that will take over <see cref="SlowSeconds"/> or over half the memory this process may use, and
/// <see cref="ThrowIfCannotFit"/> for a plan certain not to fit (its outcomes alone, or its estimated working memory,
/// exceed what the process may use). docs/performance.md, "Size estimates", gives the figures behind it.
/// </summary>
public sealed record SizeEstimate(IReadOnlyList<ModelEstimate> Models, int Cores, long AvailableBytes)
{
    /// <summary>A model whose planned work is estimated to take longer than this (wall clock, on <see cref="Cores"/> cores) is warned about.</summary>
    public const double SlowSeconds = 60;

    /// <summary>What turns the refusal off, as the command line spells it.</summary>
    public const string Override = "--no-size-check";

    /// <summary>The memory this process may use: the machine's, or the container's limit (what the runtime sees).</summary>
    public static long MachineBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Warnings to print before the work starts (as notes: not errors).</summary>
    public IReadOnlyList<Note> Warnings() => Models.SelectMany(Warn).ToArray();

    /// <summary>Refuses (<see cref="InvalidRequestException"/> on the option that asked for the memory) a plan certain not to fit.</summary>
    public void ThrowIfCannotFit()
    {
        foreach (var m in Models)
            if (m.PeakBytes > AvailableBytes)
                throw new InvalidRequestException(m.PeakOption,
                    $"{m.Model} on {Size(m)} needs about {Bytes(m.PeakBytes)} of memory, more than the {Bytes(AvailableBytes)} this process may use " +
                    $"(fewer draws or Sobol rows, fewer actors, or {Override} to try anyway; docs/performance.md, \"Size estimates\")");
    }

    private IEnumerable<Note> Warn(ModelEstimate m)
    {
        if (m.PerRun is { } run)
        {
            double wall = m.Runs <= 1 ? run.CpuSeconds : m.CpuSeconds / Math.Max(1, Cores);
            if (wall > SlowSeconds)
                yield return new Note(NoteKind.Analysis, m.Runs <= 1
                    ? $"{m.Model} on {Size(m)}: about {Duration(run.CpuSeconds)} per run (an estimate; Ctrl-C stops it)"
                    : Invariant($"{m.Model} on {Size(m)}: about {Duration(run.CpuSeconds)} per run, {m.Runs:N0} runs planned: about {Duration(wall)} on {Cores} core{(Cores == 1 ? "" : "s")} (an estimate; Ctrl-C stops it)"));
        }
        if (m.PeakBytes > AvailableBytes / 2 && m.PeakBytes <= AvailableBytes)
            yield return new Note(NoteKind.Analysis, $"{m.Model} on {Size(m)}: needs about {Bytes(m.PeakBytes)} of the {Bytes(AvailableBytes)} of memory this process may use");
    }

    private static string Size(ModelEstimate m) => Invariant($"{m.Actors:N0} actors × {m.Issues:N0} issue{(m.Issues == 1 ? "" : "s")}");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>"850 ms", "42 s", "18 min", "9.5 h", "3.2 days".</summary>
    public static string Duration(double seconds) => Invariant(seconds switch
    {
        < 1 => $"{seconds * 1000:0} ms",
        < 120 => $"{seconds:0} s",
        < 7200 => $"{seconds / 60:0} min",
        < 172_800 => $"{seconds / 3600:0.#} h",
        _ => $"{seconds / 86_400:N1} days",
    });

    /// <summary>"12 MB", "6.2 GB" (powers of 1,000).</summary>
    public static string Bytes(long bytes) => Invariant(bytes switch
    {
        < 1_000_000 => $"{bytes / 1000.0:0} kB",
        < 1_000_000_000 => $"{bytes / 1e6:0} MB",
        _ => $"{bytes / 1e9:N1} GB",
    });
}
