namespace ComparisonGrid.Grains;

/// <summary>
/// Coalesces a catalog's state writes: a year holds thousands of reports, and writing the whole catalog on
/// every change would cost more than the ingest. The first change schedules one write a second later, made as
/// a one-way call to the grain itself so it runs in turn; deactivation writes anything still pending.
/// </summary>
internal sealed class BatchedWrite(Func<Task> flushCall)
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private bool _scheduled;

    public void Schedule()
    {
        if (_scheduled)
        {
            return;
        }
        _scheduled = true;
        _ = Task.Delay(Delay).ContinueWith(_ => flushCall(), TaskScheduler.Default);
    }

    /// <summary>Called by the flush itself: later changes schedule the next write.</summary>
    public void Flushed() => _scheduled = false;
}
