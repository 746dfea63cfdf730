namespace ComparisonGrid.Grains;

/// <summary>
/// Turns a burst of triggers into one call a little later: the first trigger schedules the call, later ones
/// before it runs ride along. The call is a one-way call to the grain itself, so it runs in turn like any other.
/// Catalogs use it to write their state once per burst of ingests; comparisons to recompute once per burst of
/// member changes instead of once per report.
/// </summary>
internal sealed class Coalescer(TimeSpan delay, TimeProvider clock, Func<Task> call)
{
    private bool _scheduled;

    public void Schedule()
    {
        if (_scheduled)
        {
            return;
        }
        _scheduled = true;
        _ = Task.Delay(delay, clock).ContinueWith(_ => call(), TaskScheduler.Default);
    }

    /// <summary>Called by the scheduled call itself: triggers after this point schedule the next one.</summary>
    public void Ran() => _scheduled = false;
}
