using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Cluster;
using ComparisonGrid.Runtime.Metrics;
using ComparisonGrid.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Runtime;

/// <summary>
/// The grain runtime of one process: the directory of activations (one per grain id), message delivery,
/// the sweep that fails overdue calls and deactivates idle activations, and graceful shutdown.
/// </summary>
public sealed class Silo : IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly Dictionary<Type, GrainType> _types = [];
    private readonly Dictionary<string, GrainType> _typesByName = new(StringComparer.Ordinal);
    private readonly ClusterView? _cluster;
    private readonly CallCodec? _codec;
    private readonly SiloClient? _client;
    private readonly ObserverRegistry _observers = new();
    private readonly ConcurrentDictionary<Type, System.Collections.Frozen.FrozenDictionary<string, MethodDispatcher>> _observerMethods = new();
    private long _placedVersion;
    private readonly IServiceProvider _services;
    private readonly IGrainStorage _storage;
    private readonly GrainStateSerializer _serializer;
    private readonly GrainRuntimeOptions _options;
    private readonly ILogger<Silo> _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _sweep;
    private int _capacitySweepRunning;
    private volatile bool _stopping;
    private Task? _stopTask;

    public Silo(IServiceProvider services, IGrainStorage storage, GrainStateSerializer serializer,
        IEnumerable<GrainRegistration> registrations, IOptions<GrainRuntimeOptions> options, ILogger<Silo> logger,
        ClusterView? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _storage = storage;
        _serializer = serializer;
        _options = options.Value;
        _logger = logger;
        Metrics = new RuntimeMetrics();
        foreach (var r in registrations)
        {
            var name = GrainType.NameOf(r.Interface);
            _types[r.Interface] = _typesByName[name] = new GrainType(r.Interface, r.Implementation) { Counters = Metrics.For(name) };
        }
        Factory = new GrainFactory(this);
        if (cluster is not null)
        {
            _cluster = cluster;
            _codec = new CallCodec(serializer, _observers);
            foreach (var method in _types.Values.SelectMany(t => t.Dispatchers.Values))
            {
                _codec.Validate(method);
            }
            _client = new SiloClient(this, cluster, _codec,
                _options.SiloAddress ?? throw new InvalidOperationException("a clustered silo needs ComparisonGrid:SiloAddress"), _options.CallTimeout);
        }
    }

    public IGrainFactory Factory { get; }

    public RuntimeMetrics Metrics { get; }

    public int ActivationCount => _activations.Count;

    public void Start() => _sweep ??= SweepAsync(_stop.Token);

    internal TGrain GetReference<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_types.TryGetValue(typeof(TGrain), out var type))
        {
            throw new ArgumentException($"{typeof(TGrain).Name} is not registered with the silo (AddGrain<{typeof(TGrain).Name}, …>)");
        }
        var reference = DispatchProxy.Create<TGrain, GrainProxy>();
        ((GrainProxy)(object)reference).Bind(this, type, new GrainId(type.Name, key));
        return reference;
    }

    internal object Send(GrainProxy proxy, MethodDispatcher method, object?[] arguments)
    {
        var chain = method.IsOneWay ? null : CallChain.Current;
        var item = method.CreateItem(arguments, chain);
        if (IsCycle(proxy.Type, proxy.Id, item))
        {
            return item.Task;
        }
        if (_cluster?.RemoteOwner(proxy.Id) is { } owner)
        {
            proxy.Activation = null;
            _ = _client!.CallAsync(owner.Address, proxy.Type, proxy.Id, item);
        }
        else
        {
            Deliver(proxy, proxy.Type, proxy.Id, item);
        }
        return method.IsOneWay ? Task.CompletedTask : item.Task;
    }

    private static bool IsCycle(GrainType type, GrainId id, IWorkItem item)
    {
        if (item.Chain is not { } chain || type.IsReentrant || !chain.Contains(id))
        {
            return false;
        }
        type.Counters.CallCompleted(TimeSpan.Zero, failed: true);
        item.Fail(new GrainCallCycleException(
            $"call cycle {chain.Describe(id)}: {item.Method.Name} would wait for a call that is waiting for it; " +
            "make one of the calls [OneWay] or mark the grain class [Reentrant]"));
        return true;
    }

    internal void Resend(IWorkItem item, GrainId id, GrainType type) => Deliver(null, type, id, item);

    /// <summary>A call that came back here after another silo turned out not to own the grain.</summary>
    internal void DeliverLocal(GrainType type, GrainId id, IWorkItem item) => Deliver(null, type, id, item);

    /// <summary>
    /// Runs a call another silo sent and writes its answer. A grain this silo does not own (after reading
    /// membership again) is answered "moved", so the caller goes to the silo it belongs to.
    /// </summary>
    internal async Task ReceiveCallAsync(JsonElement call, Utf8JsonWriter writer)
    {
        var typeName = call.GetProperty("type").GetString() ?? "";
        var type = _typesByName.GetValueOrDefault(typeName) ?? throw new ArgumentException($"no grain type \"{typeName}\" is registered here");
        var id = new GrainId(type.Name, call.GetProperty("key").GetString() ?? "");
        var methodName = call.GetProperty("method").GetString() ?? "";
        var method = type.ByName.GetValueOrDefault(methodName) ?? throw new ArgumentException($"{type.Interface.Name} has no method {methodName}");
        if (_cluster!.RemoteOwner(id) is not null)
        {
            await _cluster.RefreshAsync().ConfigureAwait(false);
            if (_cluster.RemoteOwner(id) is not null)
            {
                writer.WriteStartObject();
                writer.WriteBoolean("moved", true);
                writer.WriteEndObject();
                return;
            }
        }
        CallChain? chain = null;
        var links = call.GetProperty("chain").EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        for (var i = links.Count - 2; i >= 0; i -= 2)
        {
            chain = new CallChain(new GrainId(links[i], links[i + 1]), chain);
        }
        var item = method.CreateItem(_codec!.ReadArguments(call.GetProperty("args"), method, ObserverFor), chain);
        if (!IsCycle(type, id, item))
        {
            Deliver(null, type, id, item);
        }
        if (method.IsOneWay)
        {
            writer.WriteStartObject();
            writer.WriteNull("result");
            writer.WriteEndObject();
            return;
        }
        await Activation.WhenSettled(item.Task).ConfigureAwait(false);
        _codec.WriteResult(writer, method, item.Task);
    }

    /// <summary>Runs a notification another silo sent to an observer held here.</summary>
    internal async Task ReceiveNotificationAsync(JsonElement call, Utf8JsonWriter writer)
    {
        var id = call.GetProperty("id").GetString() ?? "";
        var methodName = call.GetProperty("method").GetString() ?? "";
        if (_observers.Find(id) is not { } observer)
        {
            writer.WriteStartObject();
            CallCodec.WriteError(writer, new KeyNotFoundException($"observer {id} is gone"));
            writer.WriteEndObject();
            return;
        }
        var method = _observerMethods.GetOrAdd(observer.GetType(), static t => GrainType.ByNameOf(
                t.GetInterfaces().Where(CallCodec.IsObserver).SelectMany(i => ObserverProxy.DispatchersOf(i).Values).Distinct(), t))
            .GetValueOrDefault(methodName) ?? throw new ArgumentException($"the observer has no method {methodName}");
        Task task;
        try
        {
            task = method.Invoke(observer, _codec!.ReadArguments(call.GetProperty("args"), method, ObserverFor));
        }
        catch (Exception e) when (e is not JsonException)
        {
            task = Task.FromException(e);
        }
        await Activation.WhenSettled(task).ConfigureAwait(false);
        _codec!.WriteResult(writer, method, task);
    }

    private object ObserverFor(Type observerInterface, string silo, string id) =>
        _observers.ProxyFor(observerInterface, silo, id, (t, s, i) => ObserverRegistry.CreateProxy(t, _client!, s, i));

    private void Deliver(GrainProxy? proxy, GrainType type, GrainId id, IWorkItem item)
    {
        while (true)
        {
            Activation activation;
            try
            {
                activation = proxy?.Activation ?? GetOrActivate(type, id);
            }
            catch (Exception e) when (e is InvalidOperationException or SiloUnavailableException)
            {
                item.Fail(e);
                return;
            }
            if (activation.TryPost(item))
            {
                if (proxy is not null)
                {
                    proxy.Activation = activation;
                }
                return;
            }
            if (proxy is not null)
            {
                proxy.Activation = null;
            }
            if (activation.Status == ActivationStatus.Deactivated)
            {
                _activations.TryRemove(new KeyValuePair<GrainId, Activation>(id, activation));
                continue;
            }
            // Deactivating: the call goes to the next activation once this one has written its state.
            activation.Deactivated.ContinueWith((_, s) => Resend((IWorkItem)s!, id, type), item,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }
    }

    private Activation GetOrActivate(GrainType type, GrainId id)
    {
        if (_activations.TryGetValue(id, out var existing))
        {
            return existing;
        }
        if (_stopping)
        {
            // Retryable: in a cluster the grain is activated on another silo once membership says this one left.
            throw new SiloUnavailableException($"the silo is shutting down: {id} cannot be activated here");
        }
        var created = new Activation(this, type, id);
        var activation = _activations.GetOrAdd(id, created);
        if (ReferenceEquals(activation, created))
        {
            type.Counters.Activated();
            created.Start();
            if (_activations.Count > _options.MaxActivations && Interlocked.Exchange(ref _capacitySweepRunning, 1) == 0)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await CollectAsync(DeactivationReason.Capacity).ConfigureAwait(false);
                    }
                    finally
                    {
                        Volatile.Write(ref _capacitySweepRunning, 0);
                    }
                });
            }
        }
        return activation;
    }

    internal (Grain Grain, IReadOnlyList<IPersistentStateHandle> States) CreateGrain(GrainType type, Activation activation)
    {
        var states = new List<IPersistentStateHandle>();
        var constructor = type.Implementation.GetConstructors().Single();
        foreach (var parameter in constructor.GetParameters())
        {
            var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
            if (attribute is null)
            {
                continue;
            }
            var stateType = parameter.ParameterType.IsGenericType && parameter.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>)
                ? parameter.ParameterType.GetGenericArguments()[0]
                : throw new InvalidOperationException($"{type.Implementation.Name}: [PersistentState] goes on an IPersistentState<T> parameter");
            states.Add((IPersistentStateHandle)Activator.CreateInstance(
                typeof(PersistentState<>).MakeGenericType(stateType),
                _storage, _serializer, Metrics, $"{type.Name}.{attribute.Name}", activation.Id.Key)!);
        }
        var grain = (Grain)ActivatorUtilities.CreateInstance(_services, type.Implementation, [.. states]);
        grain.Attach(activation);
        return (grain, states);
    }

    internal void Removed(Activation activation)
    {
        if (_activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation)))
        {
            activation.Type.Counters.Deactivated();
        }
    }

    internal void DeactivationFailed(GrainId id, Exception e) =>
        SiloLog.DeactivationFailed(_logger, e, id);

    public RuntimeSnapshot Snapshot()
    {
        var queued = new Dictionary<string, int>();
        foreach (var a in _activations.Values)
        {
            queued[a.Type.Name] = queued.GetValueOrDefault(a.Type.Name) + a.QueueLength;
        }
        static double Us(TimeSpan t) => Math.Round(t.TotalMicroseconds, 1);
        var types = Metrics.GrainTypes.Values.ToList();
        var latency = LatencyHistogram.Merge(types.Select(t => t.Latency));
        return new RuntimeSnapshot(DateTimeOffset.UtcNow, _activations.Count, queued.Values.Sum(), types.Sum(t => t.Calls), types.Sum(t => t.Failed),
            Math.Round(types.Sum(t => t.Rate.PerSecond), 1), Us(latency.Mean), Us(latency.Quantile(0.99)),
            Metrics.StorageReads, Metrics.StorageWrites,
            [.. Metrics.GrainTypes.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new GrainTypeSnapshot(
                t.Key, t.Value.Activations, queued.GetValueOrDefault(t.Key), t.Value.Calls, t.Value.Failed,
                Math.Round(t.Value.Rate.PerSecond, 1), Us(t.Value.Latency.Mean), Us(t.Value.Latency.Quantile(0.99))))]);
    }

    /// <summary>Deactivates idle activations older than the idle age, or the least recently used beyond the bound.</summary>
    internal async Task CollectAsync(DeactivationReason reason)
    {
        var now = Environment.TickCount64;
        IEnumerable<Activation> victims = reason == DeactivationReason.Capacity
            ? _activations.Values.Where(a => a.IsIdle && !a.IsKeptAlive).OrderBy(a => a.LastUsed).Take(Math.Max(0, _activations.Count - _options.MaxActivations))
            : _activations.Values.Where(a => a.IsIdle && !a.IsKeptAlive && now - a.LastUsed >= _options.IdleAge.TotalMilliseconds);
        foreach (var a in victims.ToList())
        {
            await a.TryDeactivateAsync(reason, evenIfBusy: false).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After a membership change, deactivates (writing state) the activations that now belong on another silo;
    /// busy ones are tried again on the next sweep.
    /// </summary>
    internal async Task MoveMisplacedAsync()
    {
        if (_cluster is null || _cluster.Version == Volatile.Read(ref _placedVersion))
        {
            return;
        }
        var version = _cluster.Version;
        var settled = true;
        foreach (var a in _activations.Values)
        {
            if (_cluster.RemoteOwner(a.Id) is not null && !await a.TryDeactivateAsync(DeactivationReason.Moved, evenIfBusy: false).ConfigureAwait(false))
            {
                settled = false;
            }
        }
        if (settled)
        {
            Volatile.Write(ref _placedVersion, version);
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var a in _activations.Values)
                {
                    a.FailOverdue(now, _options.CallTimeout);
                }
                await CollectAsync(DeactivationReason.Idle).ConfigureAwait(false);
                await MoveMisplacedAsync().ConfigureAwait(false);
                if (_activations.Count > _options.MaxActivations)
                {
                    await CollectAsync(DeactivationReason.Capacity).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }

    /// <summary>
    /// Deactivates every activation, writing changed state, waiting at most the shutdown timeout. Safe to call
    /// more than once and in any order with disposal: the host's stop and the container's dispose both call it.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_activations)
        {
            return _stopTask ??= StopOnceAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        // From here this silo owns nothing: calls for its grains are answered "moved" while they are written away.
        _cluster?.Leave();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_sweep is not null)
        {
            await _sweep.ConfigureAwait(false);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ShutdownTimeout);
        // Deactivation may notify other grains that are still active; repeat until the directory is empty.
        while (!_activations.IsEmpty && !timeout.IsCancellationRequested)
        {
            var all = _activations.Values.ToList();
            await Task.WhenAll(all.Select(a => a.TryDeactivateAsync(DeactivationReason.Shutdown, evenIfBusy: true))).ConfigureAwait(false);
            try
            {
                await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                SiloLog.ShutdownOverdue(_logger, _activations.Count, _options.ShutdownTimeout);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
        _client?.Dispose();
    }
}
