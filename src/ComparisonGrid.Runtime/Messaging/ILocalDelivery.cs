namespace ComparisonGrid.Runtime.Messaging;

/// <summary>
/// Delivery to an activation on this silo: a call that arrived from another silo, one that came back because the
/// grain turned out to be owned here, or one that waited on an activation going away.
/// </summary>
internal interface ILocalDelivery
{
    /// <summary>Fails the call at once when it would wait for itself; otherwise queues it on the grain's activation here.</summary>
    void Deliver(GrainType type, GrainId id, IWorkItem item);
}
