namespace ComparisonGrid.Runtime.Messaging;

/// <summary>
/// Where a grain reference sends its calls: the silo, which decides whether the grain is activated here or
/// belongs to another silo. References know only this seam, so messaging sits below the catalog and the cluster.
/// </summary>
internal interface ICallRouter
{
    /// <summary>Sends a call and returns the caller's task (completed at once for a one-way call).</summary>
    Task Send(GrainProxy proxy, MethodDispatcher method, object?[] arguments);
}
