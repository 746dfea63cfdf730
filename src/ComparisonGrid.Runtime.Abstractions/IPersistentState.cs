namespace ComparisonGrid.Core;

/// <summary>
/// A grain's durable state. <see cref="Etag"/> is the version last read or written; a write or clear
/// with a stale etag throws <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public interface IPersistentState<TState> where TState : class, new()
{
    TState State { get; set; }

    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
