using ComparisonGrid.Core;

namespace ComparisonGrid.Application;

/// <summary>
/// Which failures of a grain call are the grid's passing state rather than the request's fault: one place, so the
/// endpoints, ingest, live streams, jobs and the status codes agree on what is worth trying again.
/// </summary>
public static class GridFaults
{
    /// <summary>How long a call keeps trying while a silo that held its grain is being declared dead (about a second with the grid's membership settings).</summary>
    public static readonly TimeSpan FailoverBudget = TimeSpan.FromSeconds(10);

    /// <summary>The silo holding the grain could not be reached, or refused the call while leaving: membership will catch up.</summary>
    public static bool IsNodeUnavailable(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException;

    /// <summary>Worth trying again shortly: a node unavailable, the store unreachable, or no answer in time.</summary>
    public static bool IsTransient(Exception e) => IsNodeUnavailable(e) || e is StorageUnavailableException or TimeoutException;

    /// <summary>
    /// Runs a grain call that may be repeated (a read, or a write that changes nothing the second time), again after
    /// a short and growing wait while its silo is unavailable: once the silo is declared dead the grain activates
    /// elsewhere, so the caller sees a slower answer instead of an error. After <see cref="FailoverBudget"/> the
    /// failure is the caller's.
    /// </summary>
    public static async Task<T> AcrossFailoverAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var until = DateTime.UtcNow + FailoverBudget;
        var wait = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (IsNodeUnavailable(e) && DateTime.UtcNow + wait < until)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            }
        }
    }
}
