using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.Storage;
using ComparisonGrid.Hosting;
using ComparisonGrid.Hosting.Postgres;
using ComparisonGrid.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;

namespace ComparisonGrid.Grains.Tests;

/// <summary>
/// The grid's state in PostgreSQL through Orleans' AdoNet provider and the schema in deploy/postgres/: the queries
/// the 10.4.2 provider runs, the start-up check, and the row names the provider alone would get wrong.
/// </summary>
public sealed class PostgresStorageTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task The_schema_applies_twice_and_then_has_no_problem()
    {
        await using var db = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await PostgresSchema.ApplyAsync(db, default);
        Assert.Null(await PostgresSchema.ProblemAsync(db, default));
    }

    public static TheoryData<string, string> Damage() => new()
    {
        { "DROP TABLE orleans_membership", "the table orleans_membership is missing" },
        { "ALTER TABLE orleans_storage DROP COLUMN payload", "the table orleans_storage has no column payload" },
        { "DELETE FROM OrleansQuery WHERE QueryKey = 'GatewaysQueryKey'", "the query GatewaysQueryKey is missing from OrleansQuery" },
        // What a script for a newer Orleans does: a parameter 10.4.2 never binds, so every write would fail.
        { "UPDATE OrleansQuery SET QueryText = replace(QueryText, '@PayloadBinary', '@PayloadJson') WHERE QueryKey = 'WriteToStorageKey'",
          "the query WriteToStorageKey uses @PayloadJson, which Orleans 10.4.2 does not bind" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task A_damaged_schema_is_named_in_one_line(string damage, string problem)
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using (var db = NpgsqlDataSource.Create(connectionString))
        await using (var command = db.CreateCommand(damage))
        {
            await command.ExecuteNonQueryAsync();
            Assert.StartsWith(problem, await PostgresSchema.ProblemAsync(db, default), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_grid_on_a_database_without_the_schema_refuses_to_start_naming_what_is_missing_and_the_script()
    {
        var connectionString = await server.CreateDatabaseAsync(schema: false);
        var refused = await Assert.ThrowsAsync<GridConfigurationException>(() => Grid.StartAsync(postgres: connectionString));
        Assert.Contains("the table orleansquery is missing", refused.Message, StringComparison.Ordinal);
        Assert.Contains(PostgresSchema.ScriptName, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public async Task States_of_two_grain_types_under_one_state_name_and_key_and_keys_differing_by_a_leading_zero_keep_rows_of_their_own()
    {
        await using var grid = await Grid.StartAsync(postgres: await server.CreateDatabaseAsync());
        var storage = grid.Services.GetRequiredKeyedService<IGrainStorage>(GridStorage.Name);
        var rows = new[] { ("alpha", "2022"), ("beta", "2022"), ("alpha", "0123"), ("alpha", "123"), ("alpha", "00000000000000000000000000000123") };
        foreach (var (type, key) in rows)
        {
            await storage.WriteStateAsync("state", GrainId.Create(type, key), new GrainState<List<string>>([$"{type} {key}"]));
        }
        foreach (var (type, key) in rows)
        {
            var read = new GrainState<List<string>>();
            await storage.ReadStateAsync("state", GrainId.Create(type, key), read);
            Assert.Equal([$"{type} {key}"], read.State);
            Assert.Equal("1", read.ETag);
        }
        var reader = grid.Services.GetRequiredService<IGrainStateReader>();
        Assert.Equal(["00000000000000000000000000000123", "0123", "123", "2022"], (await reader.KeysAsync("alpha", "state", default)).Order(StringComparer.Ordinal));
        Assert.Equal([$"beta 2022"], (await reader.ReadAsync<List<string>>("beta", "state", "2022", default))!);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_a_cleared_state_is_gone()
    {
        await using var grid = await Grid.StartAsync(postgres: await server.CreateDatabaseAsync());
        var storage = grid.Services.GetRequiredKeyedService<IGrainStorage>(GridStorage.Name);
        var id = GrainId.Create("report", "110000/2024");
        var first = new GrainState<List<string>>(["first"]);
        await storage.WriteStateAsync("report", id, first);
        var stale = new GrainState<List<string>>(["stale"]) { ETag = first.ETag };
        await storage.WriteStateAsync("report", id, first);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("report", id, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("report", id, new GrainState<List<string>>(["new"])));

        await storage.ClearStateAsync("report", id, first);
        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync("report", id, read);
        Assert.False(read.RecordExists);
        Assert.Empty(await grid.Services.GetRequiredService<IGrainStateReader>().KeysAsync("report", "report", default));
        await storage.WriteStateAsync("report", id, read);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task The_samples_ingested_into_PostgreSQL_are_served_after_a_restart_and_change_nothing_when_ingested_again()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using (var grid = await Grid.StartAsync(postgres: connectionString))
        {
            var (code, output, error) = await grid.IngestAsync(Grid.Samples);
            Assert.True(code == 0, error);
            Assert.Contains("14 new", output, StringComparison.Ordinal);
        }
        await using (var grid = await Grid.StartAsync(postgres: connectionString))
        {
            var listed = (await grid.Grains.RegionCatalog().ListAsync(null, null)).SelectMany(e => e.Years).Count();
            Assert.Equal(14, listed);
            var stored = await grid.Grains.Report("130000", 2022).GetAsync(withText: true);
            Assert.NotNull(stored);
            Assert.NotEmpty(stored.Report.Targets);
            var (code, output, _) = await grid.IngestAsync(Grid.Samples);
            Assert.Equal(0, code);
            Assert.Contains("0 new, 0 replaced, 14 unchanged", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rows_a_PostgreSQL_grid_of_this_build_wrote_are_served_by_the_next_build()
    {
        // Fixtures/postgres-orleans-10.4: orleans_storage as the first build on Orleans wrote it for the samples
        // (MessagePack payloads, Orleans' hashes, our row names); how it was made is in its README.md.
        var connectionString = await server.CreateDatabaseAsync();
        await using (var db = NpgsqlDataSource.Create(connectionString))
        await using (var connection = await db.OpenConnectionAsync())
        {
            await using var writer = await connection.BeginTextImportAsync("COPY orleans_storage FROM STDIN (FORMAT csv, HEADER)");
            await writer.WriteAsync(await File.ReadAllTextAsync(Path.Combine(Grid.Fixture("postgres-orleans-10.4"), "orleans_storage.csv")));
        }
        await using var grid = await Grid.StartAsync(postgres: connectionString);
        await StoreUpgradeTests.AssertEverySampleServedAsync(grid, corrected: false);
        var (code, output, _) = await grid.IngestAsync(Grid.Samples);
        Assert.Equal(0, code);
        Assert.Contains("0 new, 0 replaced, 14 unchanged", output, StringComparison.Ordinal);
    }
}
