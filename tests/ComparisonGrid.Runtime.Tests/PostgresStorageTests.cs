using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Storage;
using Npgsql;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Runtime.Tests;

/// <summary>The PostgreSQL provider keeps the rules every provider keeps, against a real server started for the tests.</summary>
public sealed class PostgresStorageTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_changes_nothing()
    {
        await using var storage = await PostgresGrainStorage.OpenAsync(server.ConnectionString(), default);
        var key = Guid.NewGuid().ToString("N");
        var first = await storage.WriteAsync("counter.counter", key, "{\"Value\":1}", null, default);
        var second = await storage.WriteAsync("counter.counter", key, "{\"Value\":2}", first, default);
        var e = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("counter.counter", key, "{\"Value\":99}", first, default));
        Assert.Contains($"counter.counter/{key}", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("counter.counter", key, "{\"Value\":99}", null, default));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync("counter.counter", key, first, default));
        var stored = await storage.ReadAsync("counter.counter", key, default);
        Assert.Equal(second, stored!.Etag);
        Assert.Equal("{\"Value\": 2}", stored.Json);
        await storage.ClearAsync("counter.counter", key, second, default);
        Assert.Null(await storage.ReadAsync("counter.counter", key, default));
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_have_exactly_one_winner()
    {
        await using var storage = await PostgresGrainStorage.OpenAsync(server.ConnectionString(), default);
        var key = Guid.NewGuid().ToString("N");
        var etag = await storage.WriteAsync("counter.counter", key, "{\"Value\":0}", null, default);
        var attempts = await Task.WhenAll(Enumerable.Range(1, 20).Select(async i =>
        {
            try
            {
                await storage.WriteAsync("counter.counter", key, $"{{\"Value\":{i}}}", etag, default);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));
        Assert.Single(attempts, won => won);
    }

    [Fact]
    public async Task The_schema_is_created_once_and_opening_again_or_concurrently_changes_nothing()
    {
        var database = $"schema_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server.ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresGrainStorage.OpenAsync(server.ConnectionString(database), default)));
        foreach (var s in opened)
        {
            await s.DisposeAsync();
        }
        await using var connection = new NpgsqlConnection(server.ConnectionString(database));
        await connection.OpenAsync();
        await using var versions = new NpgsqlCommand("SELECT count(*), max(version) FROM cgrid_schema", connection);
        await using var reader = await versions.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((PostgresGrainStorage.SchemaVersion, PostgresGrainStorage.SchemaVersion), ((int)reader.GetInt64(0), reader.GetInt32(1)));
    }

    [Fact]
    public async Task A_connection_string_alone_switches_the_silo_to_postgres_and_state_survives_a_restart()
    {
        var key = Guid.NewGuid().ToString("N");
        await using (var first = await TestGrainSilos.StartAsync(o => { o.Storage = "sqlite"; o.PostgresConnectionString = server.ConnectionString(); }))
        {
            Assert.IsType<PostgresGrainStorage>(first.Storage);
            await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => first.Grains.GetGrain<ICounterGrain>(key).IncrementAsync()));
        }
        await using var second = await TestGrainSilos.StartAsync(o => o.PostgresConnectionString = server.ConnectionString());
        Assert.Equal(5, await second.Grains.GetGrain<ICounterGrain>(key).GetAsync());
    }

    [Fact]
    public async Task An_unreachable_server_is_named_in_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => TestGrainSilos.StartAsync(o => o.PostgresConnectionString = "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2"));
        Assert.Contains("cannot open the PostgreSQL store at 127.0.0.1:1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_postgres_restarts_calls_fail_fast_with_a_clear_error_and_then_continue()
    {
        var connection = server.ConnectionString() + ";Timeout=2;Command Timeout=5";
        await using var silo = await TestGrainSilos.StartAsync(o => o.PostgresConnectionString = connection);
        var key = Guid.NewGuid().ToString("N");
        var kept = silo.Grains.GetGrain<ICounterGrain>(key);
        await kept.IncrementAsync();
        await kept.SaveAsync();
        await server.StopAsync();
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => silo.Grains.GetGrain<ICounterGrain>(key + "-new").GetAsync());
            Assert.Contains("the state store is unavailable", e.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<StorageUnavailableException>(kept.SaveAsync);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"failing took {clock.Elapsed}");
        }
        finally
        {
            await server.StartAgainAsync();
        }
        // Back: the same activation writes again (with the etag it had), and new activations read their state.
        await kept.IncrementAsync();
        await Eventually.Holds(() => kept.SaveAsync().ContinueWith(t => t.IsCompletedSuccessfully).Result, "a write after the restart");
        Assert.Equal(0, await silo.Grains.GetGrain<ICounterGrain>(key + "-other").GetAsync());
    }
}
