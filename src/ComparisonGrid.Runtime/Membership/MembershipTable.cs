using System.Globalization;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Storage;
using Npgsql;

namespace ComparisonGrid.Runtime.Membership;

/// <summary>
/// The cluster's membership in PostgreSQL, after the design of Orleans' ADO.NET clustering: each silo registers
/// and heartbeats; a silo whose heartbeat is older than the death timeout collects suspicions from the others,
/// and enough distinct suspecters declare it dead. Every change of a row is conditional on the etag it was read
/// with, so two silos voting at once cannot lose a vote or undo a death.
/// </summary>
public sealed class MembershipTable : IAsyncDisposable
{
    private const long MigrationLock = 0x63677269_6D;
    private readonly NpgsqlDataSource _dataSource;

    private MembershipTable(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public static async Task<MembershipTable> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var table = new MembershipTable(NpgsqlDataSource.Create(connectionString));
        await using var connection = await table._dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var setup = new NpgsqlCommand($$"""
            SELECT pg_advisory_xact_lock({{MigrationLock}});
            CREATE TABLE IF NOT EXISTS silo_membership (
                silo_id text PRIMARY KEY,
                address text NOT NULL,
                status text NOT NULL,
                started_at timestamptz NOT NULL,
                heartbeat_at timestamptz NOT NULL,
                suspected_by text[] NOT NULL DEFAULT '{}',
                etag bigint NOT NULL
            );
            ALTER TABLE silo_membership ADD COLUMN IF NOT EXISTS gateway text;
            CREATE TABLE IF NOT EXISTS silo_report (
                silo_id text PRIMARY KEY,
                report jsonb NOT NULL,
                at timestamptz NOT NULL
            );
            """, connection))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return table;
    }

    /// <summary>Registers a new silo (joining) and returns its id: address plus a generation unique to this start.</summary>
    /// <param name="gateway">The public URL of the gateway that runs with the silo, if any, for operators.</param>
    public async Task<string> JoinAsync(string address, string? gateway, CancellationToken cancellationToken)
    {
        var generation = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var id = $"{address}#{generation}";
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO silo_membership (silo_id, address, gateway, status, started_at, heartbeat_at, etag)
            VALUES ($1, $2, $3, 'joining', now(), now(), 1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = address });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)gateway ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Moves a living silo to a new status (active, shutting down, dead); a dead silo stays dead.</summary>
    public async Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE silo_membership SET status = $2, heartbeat_at = now(), etag = etag + 1
            WHERE silo_id = $1 AND status <> 'dead' RETURNING etag
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = siloId });
        command.Parameters.Add(new NpgsqlParameter { Value = Name(status) });
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new SiloDeclaredDeadException($"silo {siloId} is dead in the membership table (or was never registered); it cannot become {Name(status)}");
        }
    }

    /// <summary>Records that the silo is alive; fails when the cluster has declared it dead.</summary>
    public async Task HeartbeatAsync(string siloId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE silo_membership SET heartbeat_at = now(), suspected_by = '{}', etag = etag + 1
            WHERE silo_id = $1 AND status <> 'dead' RETURNING etag
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = siloId });
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new SiloDeclaredDeadException($"silo {siloId} was declared dead by the cluster and must stop; a restart joins as a new silo");
        }
    }

    /// <summary>
    /// Stores the silo's latest figures for the operator views of the others (apart from the membership rows, which
    /// every silo reads on every round); reports of silos gone for an hour are dropped on the way.
    /// </summary>
    public async Task PublishReportAsync(string siloId, string reportJson, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO silo_report (silo_id, report, at) VALUES ($1, $2::jsonb, now())
            ON CONFLICT (silo_id) DO UPDATE SET report = excluded.report, at = excluded.at;
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = siloId });
        command.Parameters.Add(new NpgsqlParameter { Value = reportJson });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using var prune = _dataSource.CreateCommand("DELETE FROM silo_report WHERE at < now() - interval '1 hour'");
        await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every silo's latest published figures, by silo id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadReportsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT silo_id, report::text FROM silo_report");
        var rows = await DbRows.ReadAsync(command, r => KeyValuePair.Create(r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT silo_id, address, status, started_at, heartbeat_at, suspected_by, etag, gateway FROM silo_membership ORDER BY started_at, silo_id");
        return await DbRows.ReadAsync(command, r => new SiloEntry(r.GetString(0), r.GetString(1), Parse(r.GetString(2)),
            r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4),
            r.GetFieldValue<string[]>(5), r.GetInt64(6), r.IsDBNull(7) ? null : r.GetString(7)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="suspecter"/> votes that <paramref name="suspect"/> (read with etag <paramref name="etag"/>) is
    /// dead; with <paramref name="votesNeeded"/> distinct votes the suspect is declared dead. False when the row
    /// changed since it was read (it heartbeat, or another vote landed first): read again and decide again.
    /// </summary>
    public async Task<bool> SuspectAsync(string suspecter, SiloEntry suspect, int votesNeeded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suspect);
        var votes = suspect.SuspectedBy.Append(suspecter).Distinct(StringComparer.Ordinal).ToArray();
        var status = votes.Length >= votesNeeded ? "dead" : Name(suspect.Status);
        await using var command = _dataSource.CreateCommand("""
            UPDATE silo_membership SET suspected_by = $2, status = $3, etag = etag + 1
            WHERE silo_id = $1 AND etag = $4 AND status <> 'dead' RETURNING etag
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = suspect.SiloId });
        command.Parameters.Add(new NpgsqlParameter { Value = votes });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = suspect.Etag });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static string Name(SiloStatus status) => WireNames.Of(status);

    // A status this version does not know (written by a newer one) counts as gone: placement never picks it.
    private static SiloStatus Parse(string status) => WireNames.TryParse<SiloStatus>(status, out var parsed) ? parsed : SiloStatus.Dead;
}
