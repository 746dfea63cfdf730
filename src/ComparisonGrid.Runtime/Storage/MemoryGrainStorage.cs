using System.Globalization;

namespace ComparisonGrid.Runtime.Storage;

/// <summary>Grain state in process memory, for tests; the etag rules are those of every provider.</summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string, string), StoredState> _states = [];
    private readonly Lock _lock = new();
    private long _version;

    public Task<StoredState?> ReadAsync(string stateType, string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_states.GetValueOrDefault((stateType, key)));
        }
    }

    public Task<string> WriteAsync(string stateType, string key, string json, string? etag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var stored = _states.GetValueOrDefault((stateType, key));
            if (stored?.Etag != etag)
            {
                throw StorageConflict.For(stateType, key, etag, stored?.Etag);
            }
            var next = (++_version).ToString(CultureInfo.InvariantCulture);
            _states[(stateType, key)] = new StoredState(json, next);
            return Task.FromResult(next);
        }
    }

    public Task ClearAsync(string stateType, string key, string? etag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var stored = _states.GetValueOrDefault((stateType, key));
            if (stored?.Etag != etag)
            {
                throw StorageConflict.For(stateType, key, etag, stored?.Etag);
            }
            _states.Remove((stateType, key));
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<KeyedState>> ReadByLastSegmentAsync(string stateType, string lastSegment, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<KeyedState>>([.. _states
                .Where(s => s.Key.Item1 == stateType && s.Key.Item2[(s.Key.Item2.LastIndexOf('/') + 1)..] == lastSegment)
                .Select(s => new KeyedState(s.Key.Item2, s.Value.Json))]);
        }
    }

    public Task<IReadOnlyList<KeyedState>> ReadPrefixAsync(string stateType, string keyPrefix, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<KeyedState>>([.. _states
                .Where(s => s.Key.Item1 == stateType && s.Key.Item2.StartsWith(keyPrefix, StringComparison.Ordinal))
                .Select(s => new KeyedState(s.Key.Item2, s.Value.Json))]);
        }
    }

    public Task<IReadOnlyList<string>> KeysAsync(string stateType, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _states.Keys.Where(k => k.Item1 == stateType).Select(k => k.Item2)]);
        }
    }
}
