using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Metrics;
using ComparisonGrid.Runtime.Storage;

namespace ComparisonGrid.Runtime.Catalog;

/// <summary>
/// A grain's state in a storage provider. It remembers a hash of the JSON last read or written (not the JSON: a
/// report's state holds its whole text, and a second copy per activation would double what activations hold), so
/// deactivation writes the state only when the grain changed it without writing.
/// </summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IPersistentStateHandle where TState : class, new()
{
    private readonly IGrainStorage _storage;
    private readonly JsonTypeInfo<TState> _json;
    private readonly RuntimeMetrics _metrics;
    private readonly string _stateType;
    private readonly string _key;
    private byte[] _persistedHash = [];

    public PersistentState(IGrainStorage storage, GrainStateSerializer serializer, RuntimeMetrics metrics, string stateType, string key)
    {
        _storage = storage;
        _json = serializer.TypeInfo<TState>();
        _metrics = metrics;
        _stateType = stateType;
        _key = key;
    }

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        _metrics.StorageRead();
        var stored = await Guard(() => _storage.ReadAsync(_stateType, _key, cancellationToken)).ConfigureAwait(false);
        if (stored is null)
        {
            State = new TState();
            Etag = null;
            _persistedHash = HashOfState();
            return;
        }
        State = JsonSerializer.Deserialize(stored.Json, _json) ?? new TState();
        Etag = stored.Etag;
        // Our own serialisation of what was read, not the stored text: PostgreSQL's jsonb rewrites spacing and
        // key order, and comparing against that would make every deactivation write.
        _persistedHash = HashOfState();
    }

    public bool WriteFailed { get; private set; }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(State, _json);
        _metrics.StorageWrite();
        WriteFailed = true;
        Etag = await Guard(() => _storage.WriteAsync(_stateType, _key, json, Etag, cancellationToken)).ConfigureAwait(false);
        _persistedHash = Utf8Sha256.Of(json);
        WriteFailed = false;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        _metrics.StorageWrite();
        WriteFailed = true;
        await Guard(async () =>
        {
            await _storage.ClearAsync(_stateType, _key, Etag, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        WriteFailed = false;
        State = new TState();
        Etag = null;
        _persistedHash = HashOfState();
    }

    /// <summary>The SHA-256 of the state's JSON as UTF-8, the same bytes whose text <see cref="WriteStateAsync"/> stores.</summary>
    private byte[] HashOfState()
    {
        using var stream = new HashingStream();
        JsonSerializer.Serialize(stream, State, _json);
        return stream.Hash();
    }

    /// <summary>Store faults (the database down, the network gone) become one exception callers can act on.</summary>
    private async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception e) when (StoreFaults.IsUnavailable(e))
        {
            _metrics.StorageFailed();
            throw new StorageUnavailableException($"the state store is unavailable ({_stateType}/{_key}): {e.Message}", e);
        }
    }

    Task IPersistentStateHandle.ReadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    async Task IPersistentStateHandle.WriteIfChangedAsync(CancellationToken cancellationToken)
    {
        if (!HashOfState().AsSpan().SequenceEqual(_persistedHash))
        {
            await WriteStateAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
