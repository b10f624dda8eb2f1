using System.Diagnostics;
using System.Globalization;
using Parley.Application.Analysing;

namespace Parley.Cli.Rendering;

/// <summary>
/// Progress as plain lines on stderr, for output that is piped or redirected (scripts, CI), where a progress bar cannot
/// draw: "parley: analyze: 3,400 of 14,000 model runs (24%)" at most every <c>interval</c>, and a last line when done.
/// Reports may come from any thread.
/// </summary>
internal sealed class ProgressLines(TextWriter error, string command, TimeSpan interval) : IProgress<AnalysisProgress>
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;
    private AnalysisProgress? _latest;

    public void Report(AnalysisProgress value)
    {
        lock (_gate)
        {
            // reports come from worker threads and can arrive out of order: a stale count is not printed (lines never go back)
            if (_latest is { } seen && value.Done < seen.Done) return;
            _latest = value;
            if (value.Done == 0 || _clock.Elapsed - _last < interval) return;
            _last = _clock.Elapsed;
            error.WriteLine($"parley: {command}: {Line(value)}");
        }
    }

    /// <summary>The closing line: how many runs were made and how long they took.</summary>
    public void Done()
    {
        lock (_gate)
        {
            if (_latest is null) return;
            error.WriteLine($"parley: {command}: {Line(_latest)}, done in {_clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        }
    }

    private static string Line(AnalysisProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Done:N0} of {p.Total:N0} model runs ({Math.Floor(100 * p.Fraction):0}%)");
}
