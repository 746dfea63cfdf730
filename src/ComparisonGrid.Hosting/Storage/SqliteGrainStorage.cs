using System.Globalization;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace ComparisonGrid.Hosting.Storage;

/// <summary>
/// Grain state in one SQLite file (WAL, synchronous=FULL) in the data directory: the embedded default, no server.
/// Orleans' AdoNet storage does not run on SQLite, so this is the project's own provider. The etag is a row version;
/// a conditional UPDATE/INSERT makes the etag check and the write one statement, and a state counts as written
/// only once that statement has committed.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IGrainStateReader
{
    private readonly string _connectionString;
    private readonly StateSerializer _serializer;
    private readonly StorageFigures _figures;

    private SqliteGrainStorage(string connectionString, StateSerializer serializer, StorageFigures figures)
    {
        _connectionString = connectionString;
        _serializer = serializer;
        _figures = figures;
    }

    public string DatabasePath { get; private init; } = "";

    /// <param name="busyTimeout">How long a statement waits for a lock another connection holds before the store counts as unavailable.</param>
    public static async Task<SqliteGrainStorage> OpenAsync(string dataDirectory, StateSerializer serializer, StorageFigures figures, TimeSpan busyTimeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, "grains.db"));
        var fresh = !File.Exists(path) || new FileInfo(path).Length == 0;
        if (!File.Exists(path))
        {
            // Created owner-only before SQLite opens it; SQLite gives its -wal and -shm files the database's mode.
            OwnerOnlyFiles.WriteAllText(path, "");
        }
        OwnerOnlyFiles.Restrict(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
        var storage = new SqliteGrainStorage(connectionString, serializer, figures) { DatabasePath = path };
        await using var connection = await storage.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // A new file first gets pages of 16 KB, which hold a report's facts without overflow pages; the size is fixed
        // once the file has content.
        command.CommandText = fresh ? "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;" : "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        command.CommandText = version switch
        {
            0 when fresh => Schema,
            0 => UpgradeFromUnversioned,
            1 => UpgradeFromJson,
            SchemaVersion => "SELECT 1",
            _ => throw new InvalidOperationException($"{path} has schema version {version}, newer than this build knows ({SchemaVersion}); upgrade the silo"),
        };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return storage;
    }

    /// <summary>2: the payload column holds MessagePack (rows of version 1 keep their JSON text until written again).</summary>
    private const int SchemaVersion = 2;

    // A table with rowids, not WITHOUT ROWID: states of many kilobytes (a report, its facts) made the key's b-tree
    // deep and every row an overflow chain; a year's 3,000 facts took 0.3 s to read, 0.04 s with rowids.
    private const string Table = """
        CREATE TABLE grain_state (
            state_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            etag INTEGER NOT NULL,
            payload NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (state_type, grain_key)
        );
        """;

    private static readonly string Indexes = $"""
        CREATE INDEX grain_state_last_segment ON grain_state (state_type, {LastSegment});
        PRAGMA user_version = {SchemaVersion};
        """;

    private static readonly string Schema = $"""
        BEGIN;
        {Table}
        {Indexes}
        COMMIT;
        """;

    // Version 1 (the release before Orleans): the same rows with the payload column named json. Renaming keeps
    // every row as it is; each is read as JSON until its grain writes it again.
    private static readonly string UpgradeFromJson = $"""
        BEGIN;
        ALTER TABLE grain_state RENAME COLUMN json TO payload;
        PRAGMA user_version = {SchemaVersion};
        COMMIT;
        """;

    // Stores made before schema versions: the same rows, copied into the new table in one transaction.
    private static readonly string UpgradeFromUnversioned = $"""
        BEGIN;
        CREATE TABLE IF NOT EXISTS grain_state (state_type TEXT NOT NULL, grain_key TEXT NOT NULL, etag INTEGER NOT NULL, json TEXT NOT NULL,
            updated_at TEXT NOT NULL, PRIMARY KEY (state_type, grain_key)) WITHOUT ROWID;
        DROP INDEX IF EXISTS grain_state_last_segment;
        ALTER TABLE grain_state RENAME TO grain_state_before_v1;
        {Table}
        INSERT INTO grain_state SELECT state_type, grain_key, etag, json, updated_at FROM grain_state_before_v1 ORDER BY state_type, grain_key;
        DROP TABLE grain_state_before_v1;
        {Indexes}
        COMMIT;
        """;

    /// <summary>
    /// A key's last '/'-separated segment in SQL: rtrim strips every trailing character that is not a '/', leaving the
    /// key up to its last '/', whose length is where the segment starts.
    /// </summary>
    private const string LastSegment = "substr(grain_key, length(rtrim(grain_key, replace(grain_key, '/', ''))) + 1)";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard($"{stateName} of {grainId}", async () =>
        {
            _figures.Read();
            ArgumentNullException.ThrowIfNull(grainState);
            await using var row = await OpenRowAsync(stateName, grainId, null).ConfigureAwait(false);
            row.Command.CommandText = "SELECT payload, etag FROM grain_state WHERE state_type = $type AND grain_key = $key";
            await using var reader = await row.Command.ExecuteReaderAsync().ConfigureAwait(false);
            if (await reader.ReadAsync().ConfigureAwait(false))
            {
                grainState.State = _serializer.Read<T>(reader.GetValue(0));
                grainState.ETag = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
                grainState.RecordExists = true;
            }
            else
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
            }
            return true;
        });

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard($"{stateName} of {grainId}", async () =>
        {
            ArgumentNullException.ThrowIfNull(grainState);
            await using var row = await OpenRowAsync(stateName, grainId, grainState.ETag).ConfigureAwait(false);
            row.Command.CommandText = grainState.ETag is null
                ? """
                  INSERT INTO grain_state (state_type, grain_key, etag, payload, updated_at) VALUES ($type, $key, 1, $payload, $now)
                  ON CONFLICT DO NOTHING RETURNING etag
                  """
                : """
                  UPDATE grain_state SET etag = etag + 1, payload = $payload, updated_at = $now
                  WHERE state_type = $type AND grain_key = $key AND etag = $etag RETURNING etag
                  """;
            row.Command.Parameters.AddWithValue("$payload", _serializer.Serialize(grainState.State).ToArray());
            row.Command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            var written = await row.Command.ExecuteScalarAsync().ConfigureAwait(false)
                ?? throw await row.ConflictAsync(grainState.ETag).ConfigureAwait(false);
            grainState.ETag = Convert.ToInt64(written, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
            _figures.Wrote();
            return true;
        });

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard($"{stateName} of {grainId}", async () =>
        {
            ArgumentNullException.ThrowIfNull(grainState);
            await using var row = await OpenRowAsync(stateName, grainId, grainState.ETag).ConfigureAwait(false);
            row.Command.CommandText = grainState.ETag is null
                ? "SELECT etag FROM grain_state WHERE state_type = $type AND grain_key = $key"
                : "DELETE FROM grain_state WHERE state_type = $type AND grain_key = $key AND etag = $etag RETURNING etag";
            var result = await row.Command.ExecuteScalarAsync().ConfigureAwait(false);
            // Without an etag, clearing is right only when nothing is stored; with one, only when it matched.
            if ((grainState.ETag is null) != (result is null))
            {
                throw await row.ConflictAsync(grainState.ETag).ConfigureAwait(false);
            }
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            _figures.Wrote();
            return true;
        });

    public async Task<IReadOnlyList<KeyValuePair<string, TState>>> ReadByLastSegmentAsync<TState>(string grainType, string stateName, string lastSegment, CancellationToken cancellationToken)
        where TState : class
    {
        // The expression is the index's, character for character; named, because without statistics SQLite would
        // rather walk every row of the state type.
        var rows = await QueryAsync(StateRows.TypeOf(grainType, stateName), $"""
            SELECT grain_key, payload FROM grain_state INDEXED BY grain_state_last_segment
            WHERE state_type = $type AND {LastSegment} = $value
            """, lastSegment, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => KeyValuePair.Create(r.Key, _serializer.Read<TState>(r.Payload)))];
    }

    public async Task<IReadOnlyList<KeyValuePair<string, TState>>> ReadPrefixAsync<TState>(string grainType, string stateName, string keyPrefix, CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        // Keys compare as binary UTF-8, so the prefix is a range of the unique key.
        var rows = await QueryAsync(StateRows.TypeOf(grainType, stateName), """
            SELECT grain_key, payload FROM grain_state
            WHERE state_type = $type AND grain_key >= $value AND grain_key < $end
            """, keyPrefix, cancellationToken, StateRows.PrefixEnd(keyPrefix)).ConfigureAwait(false);
        return [.. rows.Select(r => KeyValuePair.Create(r.Key, _serializer.Read<TState>(r.Payload)))];
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string grainType, string stateName, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(StateRows.TypeOf(grainType, stateName), "SELECT grain_key, NULL FROM grain_state WHERE state_type = $type AND $value IS NULL",
            null, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.Key)];
    }

    public async Task<TState?> ReadAsync<TState>(string grainType, string stateName, string key, CancellationToken cancellationToken)
        where TState : class
    {
        var rows = await QueryAsync(StateRows.TypeOf(grainType, stateName), "SELECT grain_key, payload FROM grain_state WHERE state_type = $type AND grain_key = $value",
            key, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : _serializer.Read<TState>(rows[0].Payload);
    }

    private Task<IReadOnlyList<(string Key, object Payload)>> QueryAsync(string stateType, string sql, string? value, CancellationToken cancellationToken, string? end = null) =>
        Guard($"reading {stateType} states", async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$type", stateType);
            command.Parameters.AddWithValue("$value", (object?)value ?? DBNull.Value);
            if (end is not null)
            {
                command.Parameters.AddWithValue("$end", end);
            }
            _figures.Read();
            return await DbRows.ReadAsync(command, r => (r.GetString(0), r.GetValue(1)), cancellationToken).ConfigureAwait(false);
        });

    /// <summary>A command on one grain's row, with $type, $key (and $etag when given) bound.</summary>
    private async Task<RowCommand> OpenRowAsync(string stateName, GrainId grainId, string? etag)
    {
        var row = new RowCommand(await OpenConnectionAsync(default).ConfigureAwait(false), StateRows.TypeOf(grainId, stateName), grainId.Key.ToString()!);
        row.Command.Parameters.AddWithValue("$type", row.Type);
        row.Command.Parameters.AddWithValue("$key", row.Key);
        if (etag is not null)
        {
            row.Command.Parameters.AddWithValue("$etag", Etag.Parse(etag));
        }
        return row;
    }

    private Task<T> Guard<T>(string what, Func<Task<T>> operation) => StoreFaults.GuardAsync(_figures, what, operation);

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        // An ingest is acknowledged after its commit, so the commit must be on disk: with WAL, NORMAL survives a
        // process crash but a power loss may drop the last commits; FULL syncs the log at every commit.
        pragma.CommandText = "PRAGMA synchronous = FULL";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private sealed class RowCommand(SqliteConnection connection, string type, string key) : IAsyncDisposable
    {
        public SqliteCommand Command { get; } = connection.CreateCommand();

        public string Type => type;

        public string Key => key;

        /// <summary>What a write or clear with <paramref name="etag"/> met instead: the stored etag, or none.</summary>
        public async Task<InconsistentStateException> ConflictAsync(string? etag)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT etag FROM grain_state WHERE state_type = $type AND grain_key = $key";
            command.Parameters.AddWithValue("$type", type);
            command.Parameters.AddWithValue("$key", key);
            var stored = await command.ExecuteScalarAsync().ConfigureAwait(false);
            var storedEtag = stored is null ? null : Convert.ToInt64(stored, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            return new InconsistentStateException($"{type} {key}: the stored state changed (etag {storedEtag ?? "none"}, expected {etag ?? "none"}); nothing was written",
                storedEtag ?? "", etag ?? "");
        }

        public async ValueTask DisposeAsync()
        {
            await Command.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
