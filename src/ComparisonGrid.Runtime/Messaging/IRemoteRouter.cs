namespace ComparisonGrid.Runtime.Messaging;

/// <summary>
/// The cluster as the silo's core sees it: which grains belong to another silo, and a way to send them there.
/// Absent on a silo that runs alone.
/// </summary>
internal interface IRemoteRouter
{
    /// <summary>Moves on every change of placement, so the collector can tell when to look for misplaced activations.</summary>
    long PlacementVersion { get; }

    bool IsRemote(GrainId id);

    /// <summary>
    /// Sends the call to the silo that owns the grain and returns true; false when the grain is owned here. A call
    /// that finds on the way that the grain belongs here after all goes to <paramref name="local"/>.
    /// </summary>
    bool TrySend(GrainType type, GrainId id, IWorkItem item, ILocalDelivery local);

    /// <summary>From now on this silo owns nothing: calls for its grains are answered "moved".</summary>
    void Leave();
}
