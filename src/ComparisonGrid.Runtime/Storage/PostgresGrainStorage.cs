using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace ComparisonGrid.Runtime.Storage;

/// <summary>
/// Grain state in PostgreSQL for clusters: jsonb plus a version column as the etag, keyed by state type and
/// key, with the etag check and the write in one conditional statement, as in SQLite. The schema is created and
/// migrated here, step by step under an advisory lock, never by hand.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    // Each step runs once, in order; the version reached is kept in cgrid_schema.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE grain_state (
            state_type text NOT NULL,
            grain_key text NOT NULL,
            etag bigint NOT NULL,
            state jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (state_type, grain_key)
        )
        """,
        "CREATE INDEX grain_state_last_segment ON grain_state (state_type, (split_part(grain_key, '/', -1)))",
    ];

    private const long MigrationLock = 0x63677269_64L;
    private readonly NpgsqlDataSource _dataSource;

    private PostgresGrainStorage(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public static int SchemaVersion => Migrations.Length;

    public static async Task<PostgresGrainStorage> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var storage = new PostgresGrainStorage(dataSource);
        try
        {
            await storage.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return storage;
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Several silos may start at once: one migrates, the others wait and then find nothing to do.
        await Execute(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken).ConfigureAwait(false);
        await Execute(connection, "CREATE TABLE IF NOT EXISTS cgrid_schema (version int NOT NULL)", cancellationToken).ConfigureAwait(false);
        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM cgrid_schema", connection);
        var version = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException($"the database schema is version {version}, newer than this build knows ({Migrations.Length}); upgrade the silo");
        }
        for (var v = version; v < Migrations.Length; v++)
        {
            await Execute(connection, Migrations[v], cancellationToken).ConfigureAwait(false);
            await Execute(connection, $"INSERT INTO cgrid_schema (version) VALUES ({v + 1})", cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredState?> ReadAsync(string stateType, string key, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT state::text, etag FROM grain_state WHERE state_type = $1 AND grain_key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = stateType });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return new StoredState(reader.GetString(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    public async Task<string> WriteAsync(string stateType, string key, string json, string? etag, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(etag is null
            ? "INSERT INTO grain_state (state_type, grain_key, etag, state) VALUES ($1, $2, 1, $3) ON CONFLICT DO NOTHING RETURNING etag"
            : "UPDATE grain_state SET etag = etag + 1, state = $3, updated_at = now() WHERE state_type = $1 AND grain_key = $2 AND etag = $4 RETURNING etag");
        command.Parameters.Add(new NpgsqlParameter { Value = stateType });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        if (etag is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Etag.Parse(etag) });
        }
        var written = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (written is null)
        {
            throw StorageConflict.For(stateType, key, etag, (await ReadAsync(stateType, key, cancellationToken).ConfigureAwait(false))?.Etag);
        }
        return Convert.ToInt64(written, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    public async Task ClearAsync(string stateType, string key, string? etag, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(etag is null
            ? "SELECT etag FROM grain_state WHERE state_type = $1 AND grain_key = $2"
            : "DELETE FROM grain_state WHERE state_type = $1 AND grain_key = $2 AND etag = $3 RETURNING etag");
        command.Parameters.Add(new NpgsqlParameter { Value = stateType });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        if (etag is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Etag.Parse(etag) });
        }
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        // Without an etag, clearing is right only when nothing is stored; with one, only when it matched.
        if ((etag is null) != (result is null))
        {
            throw StorageConflict.For(stateType, key, etag, (await ReadAsync(stateType, key, cancellationToken).ConfigureAwait(false))?.Etag);
        }
    }

    public async Task<IReadOnlyList<KeyedState>> ReadByLastSegmentAsync(string stateType, string lastSegment, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT grain_key, state::text FROM grain_state WHERE state_type = $1 AND split_part(grain_key, '/', -1) = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = stateType });
        command.Parameters.Add(new NpgsqlParameter { Value = lastSegment });
        return await DbRows.ReadAsync(command, r => new KeyedState(r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<KeyedState>> ReadPrefixAsync(string stateType, string keyPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        // starts_with is exact under any collation the database was created with; the state type narrows the index first.
        await using var command = _dataSource.CreateCommand(
            "SELECT grain_key, state::text FROM grain_state WHERE state_type = $1 AND starts_with(grain_key, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = stateType });
        command.Parameters.Add(new NpgsqlParameter { Value = keyPrefix });
        return await DbRows.ReadAsync(command, r => new KeyedState(r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string stateType, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT grain_key FROM grain_state WHERE state_type = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = stateType });
        return await DbRows.ReadAsync(command, r => r.GetString(0), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
