using ComparisonGrid.Grains.Storage;
using ComparisonGrid.Hosting.Storage;
using Npgsql;

namespace ComparisonGrid.Hosting.Postgres;

/// <summary>
/// Grain state in PostgreSQL through Orleans' own AdoNet provider (<paramref name="rows"/>), with the two row names
/// it gets wrong fixed on the way in: the provider keys a row by state name and key, not grain type, so each state
/// is named "&lt;grain type&gt;.&lt;state name&gt;" (<see cref="StateRows"/>); and it reads a string key that looks
/// like a number as that number ("0123" and "123" would share a row), so every key gets a prefix no number has.
/// The catalogs' reads across many grains (<see cref="IGrainStateReader"/>) are SQL on the same table.
/// </summary>
public sealed class PostgresGrainStorage(IGrainStorage rows, NpgsqlDataSource dataSource, StateSerializer serializer, StorageFigures figures, string serviceId)
    : IGrainStorage, IGrainStateReader
{
    /// <summary>Not a hexadecimal digit, a '+' or a GUID: the provider keeps the key as the string it is.</summary>
    internal const string KeyPrefix = "s/";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard($"{stateName} of {grainId}", async () =>
        {
            figures.Read();
            await rows.ReadStateAsync(StateRows.TypeOf(grainId, stateName), RowId(grainId), grainState).ConfigureAwait(false);
        });

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard($"{stateName} of {grainId}", async () =>
        {
            await rows.WriteStateAsync(StateRows.TypeOf(grainId, stateName), RowId(grainId), grainState).ConfigureAwait(false);
            figures.Wrote();
        });

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard($"{stateName} of {grainId}", async () =>
        {
            await rows.ClearStateAsync(StateRows.TypeOf(grainId, stateName), RowId(grainId), grainState).ConfigureAwait(false);
            figures.Wrote();
        });

    public async Task<IReadOnlyList<KeyValuePair<string, TState>>> ReadByLastSegmentAsync<TState>(string grainType, string stateName, string lastSegment, CancellationToken cancellationToken)
        where TState : class =>
        Decode<TState>(await QueryAsync(StateRows.TypeOf(grainType, stateName),
            "substring(grain_key FROM '[^/]*$') = $3", [lastSegment], cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<KeyValuePair<string, TState>>> ReadPrefixAsync<TState>(string grainType, string stateName, string keyPrefix, CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        // The key column compares bytewise (COLLATE "C"), so a prefix is a range of the index.
        return Decode<TState>(await QueryAsync(StateRows.TypeOf(grainType, stateName), "grain_key >= $3 AND grain_key < $4",
            [KeyPrefix + keyPrefix, KeyPrefix + StateRows.PrefixEnd(keyPrefix)], cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string grainType, string stateName, CancellationToken cancellationToken) =>
        [.. (await QueryAsync(StateRows.TypeOf(grainType, stateName), "TRUE", [], cancellationToken, withPayload: false).ConfigureAwait(false)).Select(r => r.Key)];

    public async Task<TState?> ReadAsync<TState>(string grainType, string stateName, string key, CancellationToken cancellationToken)
        where TState : class =>
        Decode<TState>(await QueryAsync(StateRows.TypeOf(grainType, stateName), "grain_key = $3", [KeyPrefix + key], cancellationToken).ConfigureAwait(false))
            is [var row] ? row.Value : null;

    private static GrainId RowId(GrainId grainId) => GrainId.Create(grainId.Type, KeyPrefix + grainId.Key.ToString());

    private IReadOnlyList<KeyValuePair<string, TState>> Decode<TState>(IReadOnlyList<(string Key, byte[]? Payload)> found) =>
        [.. found.Select(r => KeyValuePair.Create(r.Key, serializer.Read<TState>(r.Payload!)))];

    private Task<IReadOnlyList<(string Key, byte[]? Payload)>> QueryAsync(string stateType, string condition, string[] values, CancellationToken cancellationToken,
        bool withPayload = true) =>
        Guard($"reading {stateType} states", async () =>
        {
            // Rows the provider cleared keep their version with no payload: no state.
            await using var command = dataSource.CreateCommand($"""
                SELECT grain_key, {(withPayload ? "payload" : "NULL::bytea")} FROM orleans_storage
                WHERE service_id = $1 AND grain_type = $2 AND grain_id_n0 = 0 AND grain_id_n1 = 0 AND payload IS NOT NULL
                  AND left(grain_key, {KeyPrefix.Length}) = '{KeyPrefix}' AND {condition}
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
            command.Parameters.Add(new NpgsqlParameter { Value = stateType });
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }
            figures.Read();
            return await DbRows.ReadAsync(command, r => (r.GetString(0)[KeyPrefix.Length..], r.IsDBNull(1) ? null : (byte[])r.GetValue(1)), cancellationToken).ConfigureAwait(false);
        });

    private Task<bool> Guard(string what, Func<Task> operation) => StoreFaults.GuardAsync(figures, what, async () =>
    {
        await operation().ConfigureAwait(false);
        return true;
    });

    private Task<T> Guard<T>(string what, Func<Task<T>> operation) => StoreFaults.GuardAsync(figures, what, operation);
}
