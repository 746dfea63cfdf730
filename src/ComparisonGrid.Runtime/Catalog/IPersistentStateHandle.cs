namespace ComparisonGrid.Runtime.Catalog;

/// <summary>The runtime's side of a persistent state: read before activation, written on deactivation if changed.</summary>
internal interface IPersistentStateHandle
{
    Task ReadAsync(CancellationToken cancellationToken);

    Task WriteIfChangedAsync(CancellationToken cancellationToken);
}
