using ComparisonGrid.Core;

namespace ComparisonGrid.Gateway;

/// <summary>
/// Which failures of a grain call are the grid's passing state rather than the request's fault: one place, so the
/// endpoints' retry, live streams, jobs and the status codes agree on what is worth trying again.
/// </summary>
internal static class GridFaults
{
    /// <summary>The silo holding the grain could not be reached, or refused the call while leaving: membership will catch up.</summary>
    public static bool IsNodeUnavailable(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException;

    /// <summary>Worth trying again shortly: a node unavailable, the store unreachable, or no answer in time.</summary>
    public static bool IsTransient(Exception e) => IsNodeUnavailable(e) || e is StorageUnavailableException or TimeoutException;
}
