namespace ComparisonGrid.Runtime.Storage;

/// <summary>
/// Where grain state lives, as JSON with an etag per (state type, key). Every provider follows the same
/// rules: a write or clear must carry the etag last read (null when nothing is stored); otherwise it throws
/// <see cref="Core.InconsistentStateException"/> and changes nothing.
/// </summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadAsync(string stateType, string key, CancellationToken cancellationToken);

    /// <returns>The new etag.</returns>
    Task<string> WriteAsync(string stateType, string key, string json, string? etag, CancellationToken cancellationToken);

    Task ClearAsync(string stateType, string key, string? etag, CancellationToken cancellationToken);

    /// <summary>
    /// Every stored state of a type whose key's last '/'-separated segment is <paramref name="lastSegment"/> (the whole
    /// key when it has no '/'): the reports of one year among thousands of regions' (code/year). Indexed, so one year
    /// costs the same however many years are stored.
    /// </summary>
    Task<IReadOnlyList<KeyedState>> ReadByLastSegmentAsync(string stateType, string lastSegment, CancellationToken cancellationToken);

    /// <summary>Every stored state of a type whose key starts with <paramref name="keyPrefix"/>: a range of the key, read without a scan.</summary>
    Task<IReadOnlyList<KeyedState>> ReadPrefixAsync(string stateType, string keyPrefix, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> KeysAsync(string stateType, CancellationToken cancellationToken);
}

public sealed record StoredState(string Json, string Etag);

public sealed record KeyedState(string Key, string Json);
