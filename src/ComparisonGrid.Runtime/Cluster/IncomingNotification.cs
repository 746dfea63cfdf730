namespace ComparisonGrid.Runtime.Cluster;

/// <summary>
/// A notification another silo sent to an observer held here. Its arguments are read once the observer is found,
/// since only the observer's interface says their types; <see cref="Message"/> is the codec's to read.
/// </summary>
internal sealed record IncomingNotification(string ObserverId, string Method, object Message);
