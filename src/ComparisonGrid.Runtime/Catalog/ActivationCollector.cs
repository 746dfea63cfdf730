using System.Diagnostics;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Configuration;
using ComparisonGrid.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace ComparisonGrid.Runtime.Catalog;

/// <summary>
/// The sweep over the directory: fails calls that waited past the call timeout, deactivates activations idle past
/// the idle age or beyond the capacity bound (least recently used first), and moves away those that membership has
/// placed on another silo. A failed pass is logged and the next sweep runs all the same.
/// </summary>
internal sealed class ActivationCollector
{
    private readonly ActivationDirectory _directory;
    private readonly GrainRuntimeOptions _options;
    private readonly IRemoteRouter? _remote;
    private readonly ILogger _logger;
    private int _capacityPassRunning;
    private long _placedVersion;

    public ActivationCollector(ActivationDirectory directory, GrainRuntimeOptions options, IRemoteRouter? remote, ILogger logger)
    {
        _directory = directory;
        _options = options;
        _remote = remote;
        _logger = logger;
        directory.Grew += count =>
        {
            if (count > _options.MaxActivations && Interlocked.Exchange(ref _capacityPassRunning, 1) == 0)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await CollectAsync(DeactivationReason.Capacity).ConfigureAwait(false);
                    }
                    finally
                    {
                        Volatile.Write(ref _capacityPassRunning, 0);
                    }
                });
            }
        };
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                FailOverdue();
                await CollectAsync(DeactivationReason.Idle).ConfigureAwait(false);
                await MoveMisplacedAsync().ConfigureAwait(false);
                if (_directory.Count > _options.MaxActivations)
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

    private void FailOverdue()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var a in _directory.All)
        {
            a.FailOverdue(now, _options.CallTimeout);
        }
    }

    /// <summary>Deactivates idle activations older than the idle age, or the least recently used beyond the bound.</summary>
    public async Task CollectAsync(DeactivationReason reason)
    {
        try
        {
            var now = Environment.TickCount64;
            var all = _directory.All;
            IEnumerable<Activation> victims = reason == DeactivationReason.Capacity
                ? all.Where(a => a.IsIdle && !a.IsKeptAlive).OrderBy(a => a.LastUsed).Take(Math.Max(0, all.Count - _options.MaxActivations))
                : all.Where(a => a.IsIdle && !a.IsKeptAlive && now - a.LastUsed >= _options.IdleAge.TotalMilliseconds);
            foreach (var a in victims.ToList())
            {
                await a.TryDeactivateAsync(reason, evenIfBusy: false).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            CatalogLog.CollectionFailed(_logger, e, reason);
        }
    }

    /// <summary>
    /// After a membership change, deactivates (writing state) the activations that now belong on another silo;
    /// busy ones are tried again on the next sweep.
    /// </summary>
    public async Task MoveMisplacedAsync()
    {
        if (_remote is null || _remote.PlacementVersion == Volatile.Read(ref _placedVersion))
        {
            return;
        }
        try
        {
            var version = _remote.PlacementVersion;
            var settled = true;
            foreach (var a in _directory.All)
            {
                if (_remote.IsRemote(a.Id) && !await a.TryDeactivateAsync(DeactivationReason.Moved, evenIfBusy: false).ConfigureAwait(false))
                {
                    settled = false;
                }
            }
            if (settled)
            {
                Volatile.Write(ref _placedVersion, version);
            }
        }
        catch (Exception e)
        {
            CatalogLog.CollectionFailed(_logger, e, DeactivationReason.Moved);
        }
    }
}
