using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ComparisonGrid.Hosting.Migration;

/// <summary>The rows of stores written by earlier releases (and by this one's SQLite store), read without changing them.</summary>
public static class PreviousStores
{
    /// <summary>
    /// The states in a data directory's grains.db: the release before Orleans (a json column) or this one (payload).
    /// Opened read-only, so a directory still in use by a running gateway is not disturbed.
    /// </summary>
    public static async IAsyncEnumerable<StoredRow> SqliteRowsAsync(string dataDirectory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDirectory, "grains.db");
        if (!File.Exists(path))
        {
            throw new GridConfigurationException($"{dataDirectory} holds no grain store (grains.db)");
        }
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT name FROM pragma_table_info('grain_state')";
        var names = new List<string>();
        await using (var reader = await columns.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                names.Add(reader.GetString(0));
            }
        }
        var payload = names.Contains("payload") ? "payload" : names.Contains("json") ? "json"
            : throw new GridConfigurationException($"{path} has no grain_state table this build can read");
        await using var rows = connection.CreateCommand();
        rows.CommandText = $"SELECT state_type, grain_key, {payload} FROM grain_state ORDER BY state_type, grain_key";
        await using var all = await rows.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await all.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new StoredRow(all.GetString(0), all.GetString(1), all.GetValue(2));
        }
    }

    /// <summary>The release before Orleans kept PostgreSQL state in grain_state (jsonb); none when the table is not there.</summary>
    public static async IAsyncEnumerable<StoredRow> PostgresRowsAsync(NpgsqlDataSource dataSource, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!await HasPostgresTableAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            yield break;
        }
        await using var command = new NpgsqlCommand("SELECT state_type, grain_key, state::text FROM grain_state ORDER BY state_type, grain_key", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new StoredRow(reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
    }

    internal static async Task<bool> HasPostgresTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass('grain_state') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
