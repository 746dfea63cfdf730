using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;

namespace ComparisonGrid.Hosting.Postgres;

/// <summary>
/// The PostgreSQL schema the grid runs on: deploy/postgres/orleans-10.4.2.sql, carried in this assembly. Orleans'
/// AdoNet providers ship no SQL and fail in silence on a schema written for another version (a silo hangs in
/// Joining, every write fails), so a silo checks the database before it starts and names what is wrong in one line.
/// What the check expects (tables, columns, query keys) is read from the script itself, so the two cannot drift.
/// </summary>
public static partial class PostgresSchema
{
    public const string ScriptName = "deploy/postgres/orleans-10.4.2.sql";

    public static string Script { get; } = ReadScript();

    /// <summary>The parameters Orleans 10.4.2 binds for each query it reads from OrleansQuery (from its assemblies).</summary>
    private static readonly Dictionary<string, string[]> BoundParameters = new(StringComparer.Ordinal)
    {
        ["InsertMembershipVersionKey"] = ["DeploymentId"],
        ["InsertMembershipKey"] = ["DeploymentId", "IAmAliveTime", "SiloName", "HostName", "Address", "Port", "Generation", "StartTime", "Status", "ProxyPort", "Version"],
        ["UpdateMembershipKey"] = ["DeploymentId", "Address", "Port", "Generation", "IAmAliveTime", "Status", "SuspectTimes", "Version"],
        ["UpdateIAmAlivetimeKey"] = ["DeploymentId", "Address", "Port", "Generation", "IAmAliveTime"],
        ["MembershipReadRowKey"] = ["DeploymentId", "Address", "Port", "Generation"],
        ["MembershipReadAllKey"] = ["DeploymentId"],
        ["GatewaysQueryKey"] = ["DeploymentId", "Status"],
        ["DeleteMembershipTableEntriesKey"] = ["DeploymentId"],
        ["CleanupDefunctSiloEntriesKey"] = ["DeploymentId", "IAmAliveTime"],
        ["ReadFromStorageKey"] = [.. StorageRow],
        ["WriteToStorageKey"] = [.. StorageRow, "GrainStateVersion", "PayloadBinary"],
        ["ClearStorageKey"] = [.. StorageRow, "GrainStateVersion"],
        ["DeleteStorageKey"] = [.. StorageRow, "GrainStateVersion"],
    };

    private static string[] StorageRow => ["GrainIdHash", "GrainIdN0", "GrainIdN1", "GrainTypeHash", "GrainTypeString", "GrainIdExtensionString", "ServiceId"];

    // Any key, so a silo serialises with others applying the script at the same moment.
    private const long ApplyLock = 0x63677269_6473L;

    /// <summary>Applies the script (idempotent): tables once, query texts replaced. Used by the tests and <c>cgrid schema</c>.</summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ApplyLock})", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var command = new NpgsqlCommand(Script, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What is wrong with the database for this build, in one line, or null when nothing is: a table, a column or a
    /// query missing, or a query that uses a parameter Orleans 10.4.2 does not bind.
    /// </summary>
    public static async Task<string?> ProblemAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = current_schema()", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns.Add(reader.GetString(0));
            }
        }
        foreach (var (table, expected) in Tables())
        {
            if (!columns.Any(c => c.StartsWith(table + ".", StringComparison.Ordinal)))
            {
                return $"the table {table} is missing";
            }
            if (expected.FirstOrDefault(c => !columns.Contains($"{table}.{c}")) is { } column)
            {
                return $"the table {table} has no column {column}";
            }
        }
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                queries[reader.GetString(0)] = reader.GetString(1);
            }
        }
        foreach (var (key, bound) in BoundParameters)
        {
            if (!queries.TryGetValue(key, out var text))
            {
                return $"the query {key} is missing from OrleansQuery";
            }
            if (Parameter().Matches(text).Select(m => m.Groups[1].Value).FirstOrDefault(p => !bound.Contains(p, StringComparer.Ordinal)) is { } unbound)
            {
                return $"the query {key} uses @{unbound}, which Orleans 10.4.2 does not bind (a script written for another Orleans version?)";
            }
        }
        return null;
    }

    /// <summary>Throws <see cref="GridConfigurationException"/> naming the first problem, with what to run about it.</summary>
    public static async Task CheckAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        string? problem;
        try
        {
            problem = await ProblemAsync(dataSource, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new GridConfigurationException($"PostgreSQL at {Describe(dataSource)} cannot be used: {e.Message}");
        }
        if (problem is not null)
        {
            throw new GridConfigurationException(
                $"PostgreSQL at {Describe(dataSource)}: {problem}; apply {ScriptName} (psql -f, or cgrid schema --postgres ...)");
        }
    }

    private static string Describe(NpgsqlDataSource dataSource)
    {
        var c = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return string.Create(CultureInfo.InvariantCulture, $"{c.Host}:{c.Port}/{c.Database}");
    }

    /// <summary>Every table the script creates, with its columns (lower case, as PostgreSQL keeps unquoted names).</summary>
    internal static IEnumerable<(string Table, string[] Columns)> Tables() =>
        TableBlock().Matches(Script).Select(m => (
            m.Groups[1].Value.ToLowerInvariant(),
            m.Groups[2].Value.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ')[0].ToLowerInvariant())
                .Where(c => c is not ("constraint" or "primary" or "unique" or "--"))
                .ToArray()));

    private static string ReadScript()
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream("postgres-schema.sql")
            ?? throw new InvalidOperationException("the PostgreSQL schema is not embedded in this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", RegexOptions.Singleline)]
    private static partial Regex TableBlock();

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Parameter();
}
