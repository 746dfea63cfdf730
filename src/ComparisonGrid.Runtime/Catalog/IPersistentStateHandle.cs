namespace ComparisonGrid.Runtime.Catalog;

/// <summary>The runtime's side of a persistent state: read before activation, written on deactivation if changed.</summary>
internal interface IPersistentStateHandle
{
    Task ReadAsync(CancellationToken cancellationToken);

    Task WriteIfChangedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The last write or clear failed: the state in memory may hold what the store never took, so the activation
    /// must go without writing and the next call read the store again.
    /// </summary>
    bool WriteFailed { get; }
}
