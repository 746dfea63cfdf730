using System.Text.Json;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Messaging;
using ComparisonGrid.Runtime.Metrics;
using ComparisonGrid.Runtime.Storage;

namespace ComparisonGrid.Runtime;

/// <summary>Reads other grains' stored state through the silo's storage provider, named as their own activations name it.</summary>
internal sealed class GrainStateReader(IGrainStorage storage, GrainStateSerializer serializer, RuntimeMetrics metrics) : IGrainStateReader
{
    public async Task<IReadOnlyList<KeyValuePair<string, TState>>> ReadByLastSegmentAsync<TGrain, TState>(string stateName, string lastSegment, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey
        where TState : class
    {
        var json = serializer.TypeInfo<TState>();
        var rows = await Guard(() => storage.ReadByLastSegmentAsync(StateType<TGrain>(stateName), lastSegment, cancellationToken), stateName).ConfigureAwait(false);
        return [.. rows.Select(r => KeyValuePair.Create(r.Key, JsonSerializer.Deserialize(r.Json, json)!))];
    }

    public async Task<IReadOnlyList<KeyValuePair<string, TState>>> ReadPrefixAsync<TGrain, TState>(string stateName, string keyPrefix, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey
        where TState : class
    {
        var json = serializer.TypeInfo<TState>();
        var rows = await Guard(() => storage.ReadPrefixAsync(StateType<TGrain>(stateName), keyPrefix, cancellationToken), stateName).ConfigureAwait(false);
        return [.. rows.Select(r => KeyValuePair.Create(r.Key, JsonSerializer.Deserialize(r.Json, json)!))];
    }

    public Task<IReadOnlyList<string>> KeysAsync<TGrain>(string stateName, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey =>
        Guard(() => storage.KeysAsync(StateType<TGrain>(stateName), cancellationToken), stateName);

    public async Task<TState?> ReadAsync<TGrain, TState>(string stateName, string key, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey
        where TState : class
    {
        var stored = await Guard(() => storage.ReadAsync(StateType<TGrain>(stateName), key, cancellationToken), stateName).ConfigureAwait(false);
        return stored is null ? null : JsonSerializer.Deserialize(stored.Json, serializer.TypeInfo<TState>());
    }

    private static string StateType<TGrain>(string stateName) => $"{GrainType.NameOf(typeof(TGrain))}.{stateName}";

    private async Task<T> Guard<T>(Func<Task<T>> read, string stateName)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (StoreFaults.IsUnavailable(e))
        {
            metrics.StorageFailed();
            throw new StorageUnavailableException($"the state store is unavailable (reading {stateName} states): {e.Message}", e);
        }
    }
}
