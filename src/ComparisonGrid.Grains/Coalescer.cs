namespace ComparisonGrid.Grains;

/// <summary>
/// Turns a burst of triggers into one piece of work a little later: the first trigger starts a one-shot grain timer,
/// later ones before it fires ride along. The timer runs on the grain's own scheduler, in turn like a call, and on
/// the silo's clock (a test's fake one included). Catalogs use it to write their state once per burst of ingests;
/// comparisons to recompute once per burst of member changes instead of once per report.
/// </summary>
internal sealed class Coalescer(Grain owner, TimeSpan delay, Func<Task> work)
{
    private IGrainTimer? _timer;

    public void Schedule() =>
        _timer ??= owner.RegisterGrainTimer(static (self, _) => self.RunAsync(), this, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));

    private Task RunAsync()
    {
        // Triggers from here on schedule the next run.
        _timer?.Dispose();
        _timer = null;
        return work();
    }
}
