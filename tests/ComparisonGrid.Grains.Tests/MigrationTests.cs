using System.Reflection;
using ComparisonGrid.Cli;
using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.Storage;
using ComparisonGrid.TestKit;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ComparisonGrid.Grains.Tests;

/// <summary>
/// Stores written by earlier releases reach PostgreSQL: a data directory by <c>cgrid migrate</c>, the previous
/// release's PostgreSQL table when a silo first starts on it. Built from the committed store of the release before
/// Orleans (the samples, one moved by a user's correction).
/// </summary>
public sealed class MigrationTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static string BeforeOrleans => Path.Combine(Grid.Fixture("store-before-orleans"), "grains.db");

    [Fact]
    public void Every_persistent_state_of_every_grain_is_listed_for_imports()
    {
        var declared = typeof(ReportGrain).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Grain)))
            .SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters())
                .Select(p => (Grain: t, Attribute: p.GetCustomAttribute<PersistentStateAttribute>(), p.ParameterType))
                .Where(p => p.Attribute is not null)
                .Select(p => (
                    (string)p.Grain.GetField("GrainTypeName")!.GetValue(null)!,
                    p.Attribute!.StateName,
                    p.ParameterType.GetGenericArguments()[0])))
            .ToHashSet();
        Assert.Equal(declared, StoredStates.All.Select(s => (s.GrainType, s.StateName, s.StateType)).ToHashSet());
    }

    [Fact]
    public async Task Migrate_imports_a_data_directory_of_the_release_before_Orleans_into_PostgreSQL_and_a_second_run_changes_nothing()
    {
        var source = Directory.CreateTempSubdirectory("cgrid-migrate-from-").FullName;
        File.Copy(BeforeOrleans, Path.Combine(source, "grains.db"));
        var postgres = await server.CreateDatabaseAsync();

        var (code, output, error) = await MigrateAsync("--from-data-dir", source, "--postgres", postgres);
        Assert.True(code == 0, error);
        Assert.Contains("imported 34 states (", output, StringComparison.Ordinal);
        Assert.Contains("report.report 14", output, StringComparison.Ordinal);
        Assert.Contains("report-correction.corrections 1", output, StringComparison.Ordinal);
        Assert.Contains("; 0 already there; 0 refused", output, StringComparison.Ordinal);

        (code, output, _) = await MigrateAsync("--from-data-dir", source, "--postgres", postgres);
        Assert.Equal(0, code);
        Assert.Contains("imported 0 states (); 34 already there", output, StringComparison.Ordinal);

        await using var grid = await Grid.StartAsync(postgres: postgres);
        await StoreUpgradeTests.AssertEverySampleServedAsync(grid, corrected: true);
        var (ingested, again, _) = await grid.IngestAsync(Grid.Samples);
        Assert.Equal(0, ingested);
        Assert.Contains("0 new, 0 replaced, 14 unchanged", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_refuses_its_own_target_and_names_a_folder_without_a_store()
    {
        var empty = Directory.CreateTempSubdirectory("cgrid-migrate-empty-").FullName;
        var (code, _, error) = await MigrateAsync("--from-data-dir", empty, "--data-dir", empty);
        Assert.Equal(64, code);
        Assert.Contains("is the target itself", error, StringComparison.Ordinal);
        (code, _, error) = await MigrateAsync("--from-data-dir", empty, "--data-dir", Directory.CreateTempSubdirectory("cgrid-migrate-to-").FullName);
        Assert.Equal(64, code);
        Assert.Contains($"{empty} holds no grain store (grains.db)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PostgreSQL_database_of_the_release_before_Orleans_is_imported_once_when_a_silo_first_starts_on_it()
    {
        var postgres = await server.CreateDatabaseAsync();
        await WritePreviousReleaseTableAsync(postgres);

        await using (var grid = await Grid.StartAsync(postgres: postgres))
        {
            await StoreUpgradeTests.AssertEverySampleServedAsync(grid, corrected: true);
        }
        await using var db = NpgsqlDataSource.Create(postgres);
        await using (var recorded = db.CreateCommand("SELECT imported, already_there, refused FROM cgrid_imports"))
        await using (var reader = await recorded.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal((34, 0, 0), (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
            Assert.False(await reader.ReadAsync());
        }
        // Imported once: a state changed since is not overwritten from the old table at the next start.
        await using (var delete = db.CreateCommand("DELETE FROM orleans_storage WHERE grain_type = 'report.report' AND grain_key = 's/130000/2022'"))
        {
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }
        await using (var grid = await Grid.StartAsync(postgres: postgres))
        {
            Assert.Null(await grid.Grains.Report("130000", 2022).GetAsync());
        }
    }

    /// <summary>The release before Orleans kept PostgreSQL state as jsonb rows in grain_state, the same JSON its SQLite store holds.</summary>
    private static async Task WritePreviousReleaseTableAsync(string postgres)
    {
        await using var db = NpgsqlDataSource.Create(postgres);
        await using (var create = db.CreateCommand("""
            CREATE TABLE grain_state (state_type text NOT NULL, grain_key text NOT NULL, etag bigint NOT NULL, state jsonb NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (state_type, grain_key))
            """))
        {
            await create.ExecuteNonQueryAsync();
        }
        await using var sqlite = new SqliteConnection($"Data Source={BeforeOrleans};Mode=ReadOnly");
        await sqlite.OpenAsync();
        await using var rows = sqlite.CreateCommand();
        rows.CommandText = "SELECT state_type, grain_key, etag, json FROM grain_state";
        await using var reader = await rows.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            await using var insert = db.CreateCommand("INSERT INTO grain_state (state_type, grain_key, etag, state) VALUES ($1, $2, $3, $4::jsonb)");
            insert.Parameters.Add(new NpgsqlParameter { Value = reader.GetString(0) });
            insert.Parameters.Add(new NpgsqlParameter { Value = reader.GetString(1) });
            insert.Parameters.Add(new NpgsqlParameter { Value = reader.GetInt64(2) });
            insert.Parameters.Add(new NpgsqlParameter { Value = reader.GetString(3) });
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<(int Code, string Out, string Error)> MigrateAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code;
        try
        {
            code = await new MigrateCommand(stdout, stderr).RunAsync(CommandLine.Parse(args, new HashSet<string>(), new HashSet<string> { "--from-data-dir", "--data-dir", "--postgres" }), default);
        }
        catch (UsageException e)
        {
            return (64, stdout.ToString(), e.Message);
        }
        catch (Hosting.GridConfigurationException e)
        {
            return (64, stdout.ToString(), e.Message);
        }
        return (code, stdout.ToString(), stderr.ToString());
    }
}
