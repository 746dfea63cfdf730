using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Storage;
using ComparisonGrid.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace ComparisonGrid.Runtime.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task An_idle_activation_is_deactivated_and_its_state_written_first()
    {
        await using var silo = await TestGrainSilos.StartAsync(o =>
        {
            o.IdleAge = TimeSpan.FromMilliseconds(200);
            o.SweepInterval = TimeSpan.FromMilliseconds(50);
        });
        var grain = silo.Grains.GetGrain<ICounterGrain>("idle");
        await grain.IncrementAsync();
        await grain.IncrementAsync();
        await Eventually.Holds(() => silo.Log.Events.Contains("deactivate idle Idle"), "idle deactivation");
        await Eventually.Holds(() => silo.Silo.ActivationCount == 0, "directory emptied");
        Assert.Equal(2, await grain.GetAsync());
        Assert.Equal(2, silo.Log.Events.Count(e => e == "activate idle"));
    }

    [Fact]
    public async Task Beyond_the_activation_bound_the_least_recently_used_are_deactivated()
    {
        await using var silo = await TestGrainSilos.StartAsync(o =>
        {
            o.MaxActivations = 3;
            o.SweepInterval = TimeSpan.FromMilliseconds(50);
        });
        for (var i = 0; i < 6; i++)
        {
            await silo.Grains.GetGrain<ICounterGrain>($"lru{i}").IncrementAsync();
            await Task.Delay(20);
        }
        await Eventually.Holds(() => silo.Silo.ActivationCount <= 3, "bound respected");
        Assert.Contains("deactivate lru0 Capacity", silo.Log.Events);
        Assert.DoesNotContain("deactivate lru5 Capacity", silo.Log.Events);
        Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>("lru0").GetAsync());
    }

    [Fact]
    public async Task Shutdown_deactivates_everything_and_a_restart_reads_the_state_back_from_sqlite()
    {
        var dir = Directory.CreateTempSubdirectory("cgrid-runtime-").FullName;
        try
        {
            var first = await TestGrainSilos.StartAsync(o => { o.Storage = "sqlite"; o.DataDirectory = dir; });
            await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => first.Grains.GetGrain<ICounterGrain>("kept").IncrementAsync()));
            await first.Grains.GetGrain<ICounterGrain>("other").IncrementAsync();
            var log = first.Log;
            await first.DisposeAsync();
            Assert.Equal(0, first.Silo.ActivationCount);
            Assert.Contains("deactivate kept Shutdown", log.Events);
            Assert.Contains("deactivate other Shutdown", log.Events);

            await using var second = await TestGrainSilos.StartAsync(o => { o.Storage = "sqlite"; o.DataDirectory = dir; });
            Assert.Equal(5, await second.Grains.GetGrain<ICounterGrain>("kept").GetAsync());
            Assert.True(File.Exists(Path.Combine(dir, "grains.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    public static TheoryData<string> Providers => ["memory", "sqlite"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_write_with_a_stale_etag_fails_and_changes_nothing(string provider)
    {
        var dir = Directory.CreateTempSubdirectory("cgrid-etag-").FullName;
        try
        {
            IGrainStorage storage = provider == "memory" ? new MemoryGrainStorage() : await SqliteGrainStorage.OpenAsync(dir, default);
            var first = await storage.WriteAsync("counter.counter", "k", "{\"Value\":1}", null, default);
            var second = await storage.WriteAsync("counter.counter", "k", "{\"Value\":2}", first, default);
            var e = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("counter.counter", "k", "{\"Value\":99}", first, default));
            Assert.Contains("counter.counter/k", e.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("counter.counter", "k", "{\"Value\":99}", null, default));
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync("counter.counter", "k", first, default));
            Assert.Equal(new StoredState("{\"Value\":2}", second), await storage.ReadAsync("counter.counter", "k", default));
            await storage.ClearAsync("counter.counter", "k", second, default);
            Assert.Null(await storage.ReadAsync("counter.counter", "k", default));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_grain_whose_state_was_changed_elsewhere_cannot_overwrite_it()
    {
        await using var silo = await TestGrainSilos.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("etag");
        await grain.IncrementAsync();
        await grain.SaveAsync();
        var stored = await silo.Storage.ReadAsync("counter.counter", "etag", default);
        await silo.Storage.WriteAsync("counter.counter", "etag", "{\"Value\":40}", stored!.Etag, default);
        await grain.IncrementAsync();
        await Assert.ThrowsAsync<InconsistentStateException>(grain.SaveAsync);
        Assert.Equal("{\"Value\":40}", (await silo.Storage.ReadAsync("counter.counter", "etag", default))!.Json);
        // The stale activation went without writing; the next call reads what the other writer stored.
        await Eventually.Holds(() => silo.Log.Events.Contains("deactivate etag Conflict"), "the stale activation was deactivated");
        Assert.Equal(41, await grain.IncrementAsync());
        await grain.SaveAsync();
        Assert.Equal("{\"Value\":41}", (await silo.Storage.ReadAsync("counter.counter", "etag", default))!.Json);
    }

    [Fact]
    public async Task After_a_failed_write_the_activation_goes_and_the_next_call_reads_the_store()
    {
        var store = new FailingStorage(new MemoryGrainStorage());
        await using var silo = await TestGrainSilos.StartAsync(o => o.SweepInterval = TimeSpan.FromMilliseconds(50), s => s.AddSingleton<IGrainStorage>(store));
        var grain = silo.Grains.GetGrain<ICounterGrain>("unsaved");
        await grain.IncrementAsync();
        await grain.SaveAsync();

        store.Failing = true;
        Assert.Equal(2, await grain.IncrementAsync());
        await Assert.ThrowsAsync<StorageUnavailableException>(grain.SaveAsync);
        store.Failing = false;

        // Believed only once written: the 2 never reached the store, so the next activation reads 1.
        await Eventually.Holds(() => silo.Log.Events.Contains("deactivate unsaved WriteFailed"), "the activation with unsaved state went");
        Assert.Equal(1, await grain.GetAsync());
        Assert.Equal("{\"Value\":1}", (await store.ReadAsync("counter.counter", "unsaved", default))!.Json);
    }

    /// <summary>A store whose writes fail while <see cref="Failing"/> is set, as SQLite locked or PostgreSQL restarting.</summary>
    private sealed class FailingStorage(IGrainStorage inner) : IGrainStorage
    {
        public volatile bool Failing;

        public Task<StoredState?> ReadAsync(string stateType, string key, CancellationToken cancellationToken) => inner.ReadAsync(stateType, key, cancellationToken);

        public Task<string> WriteAsync(string stateType, string key, string json, string? etag, CancellationToken cancellationToken) =>
            Failing ? throw new TimeoutException("the store is locked") : inner.WriteAsync(stateType, key, json, etag, cancellationToken);

        public Task ClearAsync(string stateType, string key, string? etag, CancellationToken cancellationToken) =>
            Failing ? throw new TimeoutException("the store is locked") : inner.ClearAsync(stateType, key, etag, cancellationToken);

        public Task<IReadOnlyList<KeyedState>> ReadByLastSegmentAsync(string stateType, string lastSegment, CancellationToken cancellationToken) =>
            inner.ReadByLastSegmentAsync(stateType, lastSegment, cancellationToken);

        public Task<IReadOnlyList<KeyedState>> ReadPrefixAsync(string stateType, string keyPrefix, CancellationToken cancellationToken) =>
            inner.ReadPrefixAsync(stateType, keyPrefix, cancellationToken);

        public Task<IReadOnlyList<string>> KeysAsync(string stateType, CancellationToken cancellationToken) => inner.KeysAsync(stateType, cancellationToken);
    }
}
