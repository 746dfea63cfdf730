using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Catalog;
using ComparisonGrid.Runtime.Configuration;
using ComparisonGrid.Runtime.Membership;
using ComparisonGrid.Runtime.Messaging;
using ComparisonGrid.Runtime.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Runtime;

/// <summary>
/// The grain runtime of one process: routes every call to the activation here or, in a cluster, to the silo that
/// owns the grain; starts and stops the activation collector; drains on shutdown; reports its counters.
/// </summary>
public sealed class Silo : IAsyncDisposable, IMembershipDrain, ICallRouter, ILocalDelivery
{
    private const int TopMethods = 15;
    private readonly ActivationDirectory _directory;
    private readonly ActivationCollector _collector;
    private readonly RuntimeInstruments _instruments;
    private readonly IRemoteRouter? _remote;
    private readonly GrainRuntimeOptions _options;
    private readonly ILogger<Silo> _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _stopLock = new();
    private Task? _sweep;
    private Task? _stopTask;

    internal Silo(GrainTypeMap types, GrainActivator activator, RuntimeMetrics metrics, IOptions<GrainRuntimeOptions> options,
        ILogger<Silo> logger, IRemoteRouter? remote = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _remote = remote;
        Metrics = metrics;
        Factory = new GrainFactory(types, this);
        _directory = new ActivationDirectory(activator, Factory, this, logger);
        _collector = new ActivationCollector(_directory, _options, remote, logger);
        _instruments = new RuntimeInstruments(metrics, () => _directory.Count);
    }

    public IGrainFactory Factory { get; }

    public RuntimeMetrics Metrics { get; }

    public int ActivationCount => _directory.Count;

    public void Start() => _sweep ??= _collector.RunAsync(_stop.Token);

    Task ICallRouter.Send(GrainProxy proxy, MethodDispatcher method, object?[] arguments)
    {
        var item = method.CreateItem(arguments, method.IsOneWay ? null : CallChain.Current);
        if (!FailIfCycle(proxy.Type, proxy.Id, item))
        {
            if (_remote is not null && _remote.TrySend(proxy.Type, proxy.Id, item, this))
            {
                proxy.Route = null;
            }
            else
            {
                Deliver(proxy, proxy.Type, proxy.Id, item);
            }
        }
        return method.IsOneWay ? Task.CompletedTask : item.Task;
    }

    void ILocalDelivery.Deliver(GrainType type, GrainId id, IWorkItem item)
    {
        if (!FailIfCycle(type, id, item))
        {
            Deliver(null, type, id, item);
        }
    }

    private static bool FailIfCycle(GrainType type, GrainId id, IWorkItem item)
    {
        if (item.Chain is not { } chain || type.IsReentrant || !chain.Contains(id))
        {
            return false;
        }
        type.Record(item, TimeSpan.Zero, failed: true);
        item.Fail(new GrainCallCycleException(
            $"call cycle {chain.Describe(id)}: {item.Method.Name} would wait for a call that is waiting for it; " +
            "make one of the calls [OneWay] or mark the grain class [Reentrant]"));
        return true;
    }

    private void Deliver(GrainProxy? proxy, GrainType type, GrainId id, IWorkItem item)
    {
        while (true)
        {
            Activation activation;
            try
            {
                activation = proxy?.Route as Activation ?? _directory.GetOrActivate(type, id);
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
                    proxy.Route = activation;
                }
                return;
            }
            if (proxy is not null)
            {
                proxy.Route = null;
            }
            if (activation.Status == ActivationStatus.Deactivated)
            {
                _directory.Remove(activation);
                continue;
            }
            // Deactivating: the call goes to the next activation once this one has written its state.
            activation.Deactivated.ContinueWith((_, s) => ((ILocalDelivery)this).Deliver(type, id, (IWorkItem)s!), item,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }
    }

    public RuntimeSnapshot Snapshot()
    {
        var queued = new Dictionary<string, int>();
        foreach (var a in _directory.All)
        {
            queued[a.Type.Name] = queued.GetValueOrDefault(a.Type.Name) + a.QueueLength;
        }
        static double Us(TimeSpan t) => Math.Round(t.TotalMicroseconds, 1);
        var types = Metrics.GrainTypes.Values.ToList();
        var latency = LatencyHistogram.Merge(types.Select(t => t.Latency));
        return new RuntimeSnapshot(DateTimeOffset.UtcNow, _directory.Count, queued.Values.Sum(), types.Sum(t => t.Calls), types.Sum(t => t.Failed),
            Math.Round(types.Sum(t => t.Rate.PerSecond), 1), Us(latency.Mean), Us(latency.Quantile(0.5)), Us(latency.Quantile(0.99)),
            Metrics.StorageReads, Metrics.StorageWrites, Metrics.StorageFailures, Metrics.RemoteCalls,
            Metrics.Process.CpuPercent, Metrics.Process.MemoryBytes,
            [.. Metrics.GrainTypes.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new GrainTypeSnapshot(
                t.Key, t.Value.Activations, queued.GetValueOrDefault(t.Key), t.Value.Calls, t.Value.Failed,
                Math.Round(t.Value.Rate.PerSecond, 1), Us(t.Value.Latency.Mean), Us(t.Value.Latency.Quantile(0.99))))],
            // The methods an operator looks at first: most called, and any that failed.
            [.. Metrics.Methods.Where(m => m.Value.Calls > 0)
                .OrderByDescending(m => m.Value.Failed > 0).ThenByDescending(m => m.Value.Calls).ThenBy(m => m.Key, StringComparer.Ordinal).Take(TopMethods)
                .Select(m => new MethodSnapshot(m.Key, m.Value.Calls, m.Value.Failed, Us(m.Value.Mean)))],
            Metrics.History.Points,
            Metrics.Gauges.ToDictionary(g => g.Key, g => g.Value(), StringComparer.Ordinal),
            Metrics.Process.PeakMemoryBytes);
    }

    Task IMembershipDrain.DrainAsync(CancellationToken cancellationToken) => StopAsync(cancellationToken);

    /// <summary>
    /// Deactivates every activation, writing changed state, waiting at most the shutdown timeout. Safe to call
    /// more than once and in any order with disposal: the host's stop and the container's dispose both call it.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopLock)
        {
            return _stopTask ??= StopOnceAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        _directory.Close();
        // From here this silo owns nothing: calls for its grains are answered "moved" while they are written away.
        _remote?.Leave();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_sweep is not null)
        {
            await _sweep.ConfigureAwait(false);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ShutdownTimeout);
        // Deactivation may notify other grains that are still active; repeat until the directory is empty.
        while (!_directory.IsEmpty && !timeout.IsCancellationRequested)
        {
            var all = _directory.All;
            await Task.WhenAll(all.Select(a => a.TryDeactivateAsync(DeactivationReason.Shutdown, evenIfBusy: true))).ConfigureAwait(false);
            try
            {
                await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                SiloLog.ShutdownOverdue(_logger, _directory.Count, _options.ShutdownTimeout);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
        _instruments.Dispose();
    }
}
