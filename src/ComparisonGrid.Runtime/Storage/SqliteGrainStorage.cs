using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ComparisonGrid.Runtime.Storage;

/// <summary>
/// Grain state in one SQLite file (WAL mode) in the data directory: the embedded default, no server needed.
/// The etag is a row version; the conditional UPDATE/INSERT makes the etag check and the write one statement.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly string _connectionString;

    private SqliteGrainStorage(string connectionString) => _connectionString = connectionString;

    public string DatabasePath { get; private init; } = "";

    /// <param name="busyTimeout">How long a statement waits for a lock another connection holds before the store counts as unavailable.</param>
    public static async Task<SqliteGrainStorage> OpenAsync(string dataDirectory, CancellationToken cancellationToken, TimeSpan? busyTimeout = null)
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
            DefaultTimeout = (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds),
        }.ToString();
        var storage = new SqliteGrainStorage(connectionString) { DatabasePath = path };
        await using var connection = await storage.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // A new file first gets pages of 16 KB, which hold a report's facts without overflow pages; the size is fixed
        // once the file has content.
        command.CommandText = fresh ? "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;" : "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = version switch
        {
            0 when fresh => Schema,
            0 => Upgrade,
            SchemaVersion => "SELECT 1",
            _ => throw new InvalidOperationException($"{path} has schema version {version}, newer than this build knows ({SchemaVersion}); upgrade the silo"),
        };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return storage;
    }

    private const int SchemaVersion = 1;

    // A table with rowids, not WITHOUT ROWID: states of many kilobytes (a report, its facts) made the key's b-tree
    // deep and every row an overflow chain; a year's 3,000 facts took 0.3 s to read, 0.04 s with rowids.
    private const string Table = """
        CREATE TABLE grain_state (
            state_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            etag INTEGER NOT NULL,
            json TEXT NOT NULL,
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

    // Stores made before schema versions: the same rows, copied into the new table in one transaction.
    private static readonly string Upgrade = $"""
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

    public async Task<StoredState?> ReadAsync(string stateType, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json, etag FROM grain_state WHERE state_type = $type AND grain_key = $key";
        command.Parameters.AddWithValue("$type", stateType);
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return new StoredState(reader.GetString(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    public async Task<string> WriteAsync(string stateType, string key, string json, string? etag, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = etag is null
            ? """
              INSERT INTO grain_state (state_type, grain_key, etag, json, updated_at) VALUES ($type, $key, 1, $json, $now)
              ON CONFLICT DO NOTHING RETURNING etag
              """
            : """
              UPDATE grain_state SET etag = etag + 1, json = $json, updated_at = $now
              WHERE state_type = $type AND grain_key = $key AND etag = $etag RETURNING etag
              """;
        command.Parameters.AddWithValue("$type", stateType);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$json", json);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        if (etag is not null)
        {
            command.Parameters.AddWithValue("$etag", Etag.Parse(etag));
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
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = etag is null
            ? "SELECT etag FROM grain_state WHERE state_type = $type AND grain_key = $key"
            : "DELETE FROM grain_state WHERE state_type = $type AND grain_key = $key AND etag = $etag RETURNING etag";
        command.Parameters.AddWithValue("$type", stateType);
        command.Parameters.AddWithValue("$key", key);
        if (etag is not null)
        {
            command.Parameters.AddWithValue("$etag", Etag.Parse(etag));
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
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // The expression is the index's, character for character; named, because without statistics SQLite would
        // rather walk every row of the state type.
        command.CommandText = $"""
            SELECT grain_key, json FROM grain_state INDEXED BY grain_state_last_segment
            WHERE state_type = $type AND {LastSegment} = $segment
            """;
        command.Parameters.AddWithValue("$type", stateType);
        command.Parameters.AddWithValue("$segment", lastSegment);
        return await DbRows.ReadAsync(command, r => new KeyedState(r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<KeyedState>> ReadPrefixAsync(string stateType, string keyPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // Keys compare as binary UTF-8, so the prefix is a range of the primary key.
        command.CommandText = """
            SELECT grain_key, json FROM grain_state
            WHERE state_type = $type AND grain_key >= $prefix AND grain_key < $end
            """;
        command.Parameters.AddWithValue("$type", stateType);
        command.Parameters.AddWithValue("$prefix", keyPrefix);
        command.Parameters.AddWithValue("$end", keyPrefix[..^1] + (char)(keyPrefix[^1] + 1));
        return await DbRows.ReadAsync(command, r => new KeyedState(r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string stateType, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_key FROM grain_state WHERE state_type = $type";
        command.Parameters.AddWithValue("$type", stateType);
        return await DbRows.ReadAsync(command, r => r.GetString(0), cancellationToken).ConfigureAwait(false);
    }

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
}
