namespace Parley.Analysis.Batching;

/// <summary>
/// Turns progress counted in forecasts into model runs: a one-dimensional model forecasts each issue on its own, and
/// <paramref name="forecastsPerRun"/> of them (one per issue) make one run of the scenario, the unit progress is shown
/// in. Thread-safe: the draws report from any thread.
/// </summary>
internal sealed class RunCounter(Action<long> sink, int forecastsPerRun)
{
    private long _forecasts, _reported;

    public void Add(long forecasts)
    {
        long runs = Interlocked.Add(ref _forecasts, forecasts) / forecastsPerRun;
        long before = Interlocked.Read(ref _reported);
        while (runs > before)
        {
            long seen = Interlocked.CompareExchange(ref _reported, runs, before);
            if (seen == before)
            {
                sink(runs - before);
                return;
            }
            before = seen;
        }
    }
}
