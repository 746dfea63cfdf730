using System.Collections.Concurrent;
using System.Diagnostics;
using ComparisonGrid.Contracts;

namespace ComparisonGrid.Gateway.Live;

/// <summary>
/// Comparisons served where the request arrives: a replica per comparison this gateway has served, kept current by
/// the comparison grain's pushes (the channel live streams use), confirmed with the grain at most once per lease,
/// and dropped when unread for a while. Reads after a write through this gateway ask the grain again, so a client
/// sees its own ingest; writes through other gateways arrive by push (about 200 ms after the grain recomputes).
/// </summary>
public sealed partial class ComparisonReplicas : BackgroundService
{
    /// <summary>How long a replica is served without asking the grain whether it still holds the subscription.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(2);
    private const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, ComparisonReplica> _replicas = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly ILogger<ComparisonReplicas> _logger;
    private long _reads;
    private long _asked;

    public ComparisonReplicas(IGrainFactory grains, ILogger<ComparisonReplicas> logger)
    {
        _grains = grains;
        _logger = logger;
    }

    /// <summary>Comparison reads served by this gateway, those that asked the grain, and the replicas held (operators' gauges).</summary>
    public (long Reads, long Asked, int Replicas) Figures => (Interlocked.Read(ref _reads), Interlocked.Read(ref _asked), _replicas.Count);

    /// <summary>The comparison as this gateway holds it, with its JSON (serialised once per version).</summary>
    public async ValueTask<(ComparisonResult Result, SerializedComparison Json)> GetAsync(ComparisonSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Interlocked.Increment(ref _reads);
        var replica = _replicas.GetOrAdd(spec.ToKey(), _ => Create(spec));
        if (replica.Fresh(Lease) is not { } result)
        {
            Interlocked.Increment(ref _asked);
            if (_replicas.Count > Capacity)
            {
                await EvictAsync(TimeSpan.Zero, keep: Capacity * 3 / 4).ConfigureAwait(false);
            }
            result = await replica.RefreshAsync().ConfigureAwait(false);
        }
        return (result, replica.Json(result));
    }

    private ComparisonReplica Create(ComparisonSpec spec)
    {
        var replica = new ComparisonReplica(_grains.Comparison(spec));
        replica.Reference = _grains.CreateObjectReference<IComparisonObserver>(replica);
        return replica;
    }

    /// <summary>After a write through this gateway: every replica asks its grain on its next read.</summary>
    public void ExpireAll()
    {
        foreach (var replica in _replicas.Values)
        {
            replica.Expire();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await EvictAsync(IdleAfter, keep: Capacity).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Drops replicas unread for <paramref name="idle"/>, oldest first, down to at most <paramref name="keep"/>; each unsubscribes.</summary>
    private async Task EvictAsync(TimeSpan idle, int keep)
    {
        var now = Stopwatch.GetTimestamp();
        var victims = _replicas
            .Where(r => Stopwatch.GetElapsedTime(r.Value.LastRead, now) >= idle)
            .OrderBy(r => r.Value.LastRead)
            .Take(idle == TimeSpan.Zero ? Math.Max(0, _replicas.Count - keep) : int.MaxValue)
            .ToList();
        foreach (var (key, replica) in victims)
        {
            if (!_replicas.TryRemove(new KeyValuePair<string, ComparisonReplica>(key, replica)))
            {
                continue;
            }
            try
            {
                await replica.Grain.UnsubscribeAsync(replica.Reference).ConfigureAwait(false);
                _grains.DeleteObjectReference<IComparisonObserver>(replica.Reference);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The grain is gone or unreachable: it forgot its subscribers or will drop this one on its next push.
                LogUnsubscribeFailed(_logger, key, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "replica {Key} evicted; unsubscribing failed: {Reason}")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string key, string reason);
}
