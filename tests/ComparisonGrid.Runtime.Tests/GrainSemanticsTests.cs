using ComparisonGrid.Core;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Runtime.Tests;

public sealed class GrainSemanticsTests
{
    [Fact]
    public async Task Many_concurrent_callers_share_one_activation_and_never_interleave()
    {
        await using var silo = await TestGrainSilos.StartAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => silo.Grains.GetGrain<ICounterGrain>("c").IncrementAsync())));
        Assert.Equal(Enumerable.Range(1, 200), results.Order());
        Assert.Equal(1, silo.Log.MaxRunning);
        Assert.Single(silo.Log.Events, e => e == "activate c");
        var instances = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => silo.Grains.GetGrain<ICounterGrain>("c").InstanceAsync()));
        Assert.Single(instances.Distinct());
    }

    [Fact]
    public async Task Calls_run_in_arrival_order()
    {
        await using var silo = await TestGrainSilos.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("order");
        await Task.WhenAll(Enumerable.Range(0, 500).Select(grain.RecordAsync));
        Assert.Equal(Enumerable.Range(0, 500), await grain.RecordedAsync());
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other_but_not_with_writes()
    {
        await using var silo = await TestGrainSilos.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("r");
        var calls = new List<Task>();
        for (var i = 0; i < 4; i++)
        {
            calls.Add(grain.SlowReadAsync(200));
        }
        calls.Add(grain.IncrementAsync());
        calls.Add(grain.SlowReadAsync(50));
        await Task.WhenAll(calls);
        Assert.True(silo.Log.MaxReaders >= 2, $"read-only calls ran one at a time (max {silo.Log.MaxReaders})");
        // The write never ran beside a reader: readers and writers together never exceeded the readers alone.
        Assert.Equal(silo.Log.MaxReaders, silo.Log.MaxRunning);
        Assert.Equal(1, await ((Task<int>)calls[5]));
    }

    [Fact]
    public async Task A_grain_calling_itself_fails_with_a_cycle_error_instead_of_hanging()
    {
        await using var silo = await TestGrainSilos.StartAsync();
        var e = await Assert.ThrowsAsync<GrainCallCycleException>(() => silo.Grains.GetGrain<ICounterGrain>("self").CallSelfAsync());
        Assert.Contains("counter/self → counter/self", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cycle_of_two_grains_fails_with_a_cycle_error()
    {
        await using var silo = await TestGrainSilos.StartAsync();
        var e = await Assert.ThrowsAsync<GrainCallCycleException>(() => silo.Grains.GetGrain<ICounterGrain>("a").CallPeerAsync("b", back: true));
        Assert.Contains("counter/a → counter/b → counter/a", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reentrant_grain_may_call_itself()
    {
        await using var silo = await TestGrainSilos.StartAsync();
        Assert.Equal(5, await silo.Grains.GetGrain<IEchoGrain>("e").DepthAsync(5));
    }

    [Fact]
    public async Task Exceptions_travel_back_to_the_caller_and_the_grain_lives_on()
    {
        await using var silo = await TestGrainSilos.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("f");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => grain.FailAsync("bad input 42"));
        Assert.Equal("bad input 42", e.Message);
        Assert.Equal(1, await grain.IncrementAsync());
        Assert.Equal(1, silo.Silo.Snapshot().FailedCalls);
    }

    [Fact]
    public async Task A_call_without_an_answer_times_out_and_so_do_the_calls_queued_behind_it()
    {
        await using var silo = await TestGrainSilos.StartAsync(o =>
        {
            o.CallTimeout = TimeSpan.FromMilliseconds(300);
            o.SweepInterval = TimeSpan.FromMilliseconds(50);
        });
        var grain = silo.Grains.GetGrain<ICounterGrain>("t");
        var hang = grain.HangAsync(3000);
        var queued = grain.GetAsync();
        var e = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => hang);
        Assert.Contains("HangAsync on counter/t", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => queued);
    }

    [Fact]
    public async Task One_way_calls_return_at_once_and_still_run_in_order()
    {
        await using var silo = await TestGrainSilos.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("ow");
        for (var i = 0; i < 10; i++)
        {
            Assert.True(grain.NotifyAsync(i).IsCompletedSuccessfully);
        }
        Assert.Equal(Enumerable.Range(0, 10), await grain.RecordedAsync());
    }

    [Fact]
    public async Task Metrics_count_activations_calls_and_latency_per_grain_type()
    {
        await using var silo = await TestGrainSilos.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await silo.Grains.GetGrain<ICounterGrain>($"m{i}").IncrementAsync();
        }
        var snapshot = silo.Silo.Snapshot();
        var counter = Assert.Single(snapshot.GrainTypes, t => t.GrainType == "counter");
        Assert.Equal(3, counter.Activations);
        Assert.Equal(3, counter.Calls);
        Assert.True(counter.P99LatencyMicroseconds > 0);
        Assert.Equal(3, snapshot.StorageReads);
    }
}
