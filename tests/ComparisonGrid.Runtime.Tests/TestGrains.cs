using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using System.Runtime.CompilerServices;
using ComparisonGrid.Core;

namespace ComparisonGrid.Runtime.Tests;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the state without writing it, yielding halfway so interleaving would show.</summary>
    Task<int> IncrementAsync();

    Task SaveAsync();

    [ReadOnly]
    Task<int> GetAsync();

    [ReadOnly]
    Task<int> SlowReadAsync(int milliseconds);

    Task HangAsync(int milliseconds);

    Task FailAsync(string message);

    Task<int> CallSelfAsync();

    Task<int> CallPeerAsync(string peer, bool back);

    Task<string> InstanceAsync();

    Task RecordAsync(int value);

    [OneWay]
    Task NotifyAsync(int value);

    Task<IReadOnlyList<int>> RecordedAsync();
}

public sealed class CounterState
{
    public int Value { get; set; }
}

// State and, for calls between silos, the argument and result types of the test grains.
[JsonSerializable(typeof(CounterState))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<int>))]
public sealed partial class TestStateJson : JsonSerializerContext;

/// <summary>What the test grains saw, shared through DI so tests can look inside.</summary>
public sealed class GrainLog
{
    private int _running;
    private int _readers;

    public ConcurrentQueue<string> Events { get; } = new();

    public int MaxRunning { get; private set; }

    public int MaxReaders { get; private set; }

    public IDisposable Enter(bool reader)
    {
        var running = Interlocked.Increment(ref _running);
        MaxRunning = Math.Max(MaxRunning, running);
        if (reader)
        {
            MaxReaders = Math.Max(MaxReaders, Interlocked.Increment(ref _readers));
        }
        return new Exit(this, reader);
    }

    private sealed class Exit(GrainLog log, bool reader) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.Decrement(ref log._running);
            if (reader)
            {
                Interlocked.Decrement(ref log._readers);
            }
        }
    }
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, GrainLog log) : Grain, ICounterGrain
{
    private readonly List<int> _recorded = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Events.Enqueue($"activate {GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Events.Enqueue($"deactivate {GetPrimaryKeyString()} {reason}");
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        using (log.Enter(reader: false))
        {
            var before = state.State.Value;
            await Task.Yield();
            state.State.Value = before + 1;
            return state.State.Value;
        }
    }

    public Task SaveAsync() => state.WriteStateAsync();

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public async Task<int> SlowReadAsync(int milliseconds)
    {
        using (log.Enter(reader: true))
        {
            await Task.Delay(milliseconds);
            return state.State.Value;
        }
    }

    public Task HangAsync(int milliseconds) => Task.Delay(milliseconds);

    public Task FailAsync(string message) => throw new ArgumentException(message);

    public Task<int> CallSelfAsync() => GrainFactory.GetGrain<ICounterGrain>(GetPrimaryKeyString()).GetAsync();

    public Task<int> CallPeerAsync(string peer, bool back) => back
        ? GrainFactory.GetGrain<ICounterGrain>(peer).CallPeerAsync(GetPrimaryKeyString(), back: false)
        : GrainFactory.GetGrain<ICounterGrain>(peer).GetAsync();

    public Task<string> InstanceAsync() => Task.FromResult(RuntimeHelpers.GetHashCode(this).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task RecordAsync(int value)
    {
        _recorded.Add(value);
        return Task.CompletedTask;
    }

    public Task NotifyAsync(int value) => RecordAsync(value);

    public Task<IReadOnlyList<int>> RecordedAsync() => Task.FromResult<IReadOnlyList<int>>([.. _recorded]);
}

public interface IEchoGrain : IGrainWithStringKey
{
    Task<int> DepthAsync(int n);
}

/// <summary>Calls itself recursively, which only a [Reentrant] grain may do.</summary>
[Reentrant]
public sealed class EchoGrain : Grain, IEchoGrain
{
    public async Task<int> DepthAsync(int n) =>
        n == 0 ? 0 : 1 + await GrainFactory.GetGrain<IEchoGrain>(GetPrimaryKeyString()).DepthAsync(n - 1);
}

public interface ITickObserver : IGrainObserver
{
    Task OnTickAsync(int value);
}

public interface ITickerGrain : IGrainWithStringKey
{
    Task SubscribeAsync(ITickObserver observer);

    Task UnsubscribeAsync(ITickObserver observer);

    /// <summary>Notifies every subscriber; returns how many there are.</summary>
    Task<int> TickAsync(int value);
}

public sealed class TickerGrain : Grain, ITickerGrain
{
    private readonly ObserverSet<ITickObserver> _observers = new();

    public Task SubscribeAsync(ITickObserver observer)
    {
        _observers.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ITickObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<int> TickAsync(int value)
    {
        _observers.Notify(o => o.OnTickAsync(value));
        return Task.FromResult(_observers.Count);
    }
}

/// <summary>An observer that keeps the ticks it hears.</summary>
internal sealed class TickObserver : ITickObserver
{
    public System.Threading.Channels.Channel<int> Ticks { get; } = System.Threading.Channels.Channel.CreateUnbounded<int>();

    public Task OnTickAsync(int value) => Ticks.Writer.WriteAsync(value).AsTask();
}
