using System.Collections.Concurrent;
using System.Threading.Channels;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Messaging;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Runtime.Tests;

/// <summary>Several silos against one real PostgreSQL: placement, calls between silos, joining and leaving.</summary>
public sealed class ClusterTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static int Activations(TestCluster cluster, string key) =>
        cluster.Silos.Sum(s => s.Log.Events.Count(e => e == $"activate {key}"));

    [Fact]
    public async Task Each_grain_has_one_activation_in_the_cluster_under_concurrent_calls_from_every_silo()
    {
        await using var cluster = await TestGrainSilos.StartClusterAsync(server, 3);
        var keys = Enumerable.Range(0, 24).Select(i => $"c{i}").ToList();
        // 3 silos × 40 concurrent callers × 24 grains, each call a read-modify-write that yields halfway.
        var calls = cluster.Silos.SelectMany(s => keys.SelectMany(k => Enumerable.Range(0, 40).Select(_ => s.Grains.GetGrain<ICounterGrain>(k).IncrementAsync())));
        await Task.WhenAll(calls);

        foreach (var key in keys)
        {
            Assert.Equal(1, Activations(cluster, key));
            var instances = await Task.WhenAll(cluster.Silos.Select(s => s.Grains.GetGrain<ICounterGrain>(key).InstanceAsync()));
            Assert.Single(instances.Distinct());
            Assert.Equal(120, await cluster.Silos[0].Grains.GetGrain<ICounterGrain>(key).GetAsync());
        }
        // Placement spreads the grains: every silo hosts some.
        Assert.All(cluster.Silos, s => Assert.Contains(s.Log.Events, e => e.StartsWith("activate c", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Calls_between_silos_keep_exceptions_one_way_calls_cycles_and_observers()
    {
        await using var cluster = await TestGrainSilos.StartClusterAsync(server, 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        // A key that lives on B, called from A.
        var remote = Enumerable.Range(0, 100).Select(i => $"k{i}").First(k => a.View!.RemoteOwner(new GrainId("counter", k)) is not null);
        var local = Enumerable.Range(0, 100).Select(i => $"k{i}").First(k => a.View!.RemoteOwner(new GrainId("counter", k)) is null);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => a.Grains.GetGrain<ICounterGrain>(remote).FailAsync("bad input"));
        Assert.Equal("bad input", error.Message);

        await a.Grains.GetGrain<ICounterGrain>(remote).NotifyAsync(7);
        await Eventually.Holds(() => b.Log.Events.Contains($"activate {remote}"), "the one-way call ran on B");
        await Eventually.Holds(() => a.Grains.GetGrain<ICounterGrain>(remote).RecordedAsync().Result.SequenceEqual([7]), "the one-way call recorded 7");

        // local → remote → local waits on itself across two silos.
        var cycle = await Assert.ThrowsAsync<GrainCallCycleException>(() => a.Grains.GetGrain<ICounterGrain>(local).CallPeerAsync(remote, back: true));
        Assert.Contains($"counter/{local} → counter/{remote} → counter/{local}", cycle.Message, StringComparison.Ordinal);

        // An observer held by A, subscribed to a grain on B, hears B's notifications; unsubscribing stops them.
        var ticker = Enumerable.Range(0, 100).Select(i => $"t{i}").First(k => a.View!.RemoteOwner(new GrainId("ticker", k)) is not null);
        var observer = new TickObserver();
        await a.Grains.GetGrain<ITickerGrain>(ticker).SubscribeAsync(observer);
        await a.Grains.GetGrain<ITickerGrain>(ticker).SubscribeAsync(observer);
        Assert.Equal(1, await b.Grains.GetGrain<ITickerGrain>(ticker).TickAsync(5));
        Assert.Equal(5, await observer.Ticks.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        await a.Grains.GetGrain<ITickerGrain>(ticker).UnsubscribeAsync(observer);
        Assert.Equal(0, await b.Grains.GetGrain<ITickerGrain>(ticker).TickAsync(6));
    }

    [Fact]
    public async Task A_joining_silo_takes_over_part_of_the_grains_with_their_state()
    {
        await using var cluster = await TestGrainSilos.StartClusterAsync(server, 2);
        var keys = Enumerable.Range(0, 40).Select(i => $"j{i}").ToList();
        foreach (var key in keys)
        {
            var counter = cluster.Silos[0].Grains.GetGrain<ICounterGrain>(key);
            await counter.IncrementAsync();
            await counter.SaveAsync();
        }
        var third = await cluster.AddSiloAsync();
        var moved = keys.Where(k => third.View!.RemoteOwner(new GrainId("counter", k)) is null).ToList();
        Assert.NotEmpty(moved);
        // The old silos let go of what moved …
        await Eventually.Holds(() => moved.All(k => cluster.Silos.Take(2).Any(s => s.Log.Events.Contains($"deactivate {k} Moved"))),
            "the grains that now belong to the new silo were deactivated where they were");
        // … and the new one carries on from their stored state.
        foreach (var key in keys)
        {
            Assert.Equal(2, await cluster.Silos[1].Grains.GetGrain<ICounterGrain>(key).IncrementAsync());
        }
        Assert.All(moved, k => Assert.Contains($"activate {k}", third.Log.Events));
    }

    [Fact]
    public async Task A_silo_that_shuts_down_hands_its_grains_over_without_errors_to_callers()
    {
        await using var cluster = await TestGrainSilos.StartClusterAsync(server, 3);
        var keys = Enumerable.Range(0, 30).Select(i => $"g{i}").ToList();
        var leaving = cluster.Silos[2];
        var callers = cluster.Silos.Take(2).ToList();
        var acknowledged = new ConcurrentDictionary<string, int>();
        var errors = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(callers.SelectMany(c => keys.Select(async k =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var counter = c.Grains.GetGrain<ICounterGrain>(k);
                    await counter.IncrementAsync();
                    await counter.SaveAsync();
                    acknowledged.AddOrUpdate(k, 1, (_, n) => n + 1);
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }
            }
        })));
        await Task.Delay(500);
        Assert.Contains(keys, k => Activations(cluster, k) > 0 && leaving.Log.Events.Contains($"activate {k}"));
        await cluster.StopSiloAsync(leaving);
        await Task.Delay(500);
        await stop.CancelAsync();
        await load;

        Assert.Empty(errors);
        // Every acknowledged increment was saved and survived the move: nothing lost, nothing counted twice.
        foreach (var key in keys)
        {
            Assert.Equal(acknowledged.GetValueOrDefault(key), await callers[0].Grains.GetGrain<ICounterGrain>(key).GetAsync());
        }
    }
}
