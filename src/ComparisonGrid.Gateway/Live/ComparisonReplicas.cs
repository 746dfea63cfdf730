using System.Collections.Concurrent;
using System.Diagnostics;
using ComparisonGrid.Contracts;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Live;

/// <summary>
/// Comparisons served where the request arrives: a replica per comparison this gateway has served, kept current by
/// the comparison grain's pushes (the channel live streams use), confirmed with the grain at most once per lease,
/// and dropped when unread for a while. Reads after a write through this gateway ask the grain again, so a client
/// sees its own ingest; writes through other gateways arrive by push (about 200 ms after the grain recomputes).
/// What replicas hold is bounded in bytes (<see cref="GatewayOptions.MaxCachedComparisonBytes"/>): past it the
/// largest go first, and exports are built a few at a time and kept with the version they were built from.
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
    private readonly SemaphoreSlim _exports;
    private readonly TimeSpan _exportWait;
    private readonly int _maxExports;
    private long _reads;
    private long _asked;

    public ComparisonReplicas(IGrainFactory grains, IOptions<GatewayOptions> options, ILogger<ComparisonReplicas> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _logger = logger;
        var gateway = options.Value;
        ByteBudget = gateway.MaxCachedComparisonBytes > 0 ? gateway.MaxCachedComparisonBytes : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8;
        _maxExports = Math.Max(1, gateway.MaxConcurrentExports);
        _exports = new SemaphoreSlim(_maxExports);
        _exportWait = gateway.ExportWait;
    }

    /// <summary>Bytes the replicas may hold together (estimated, see <see cref="ComparisonReplica.Bytes"/>).</summary>
    public long ByteBudget { get; }

    /// <summary>Bytes the replicas hold now, estimated.</summary>
    public long Bytes => _replicas.Values.Sum(r => r.Bytes);

    /// <summary>Comparison reads served by this gateway, those that asked the grain, and the replicas held (operators' gauges).</summary>
    public (long Reads, long Asked, int Replicas) Figures => (Interlocked.Read(ref _reads), Interlocked.Read(ref _asked), _replicas.Count);

    /// <summary>The comparison as this gateway holds it, with its JSON (serialised once per version).</summary>
    /// <exception cref="GatewayBusyException">The process is short of memory and the comparison would be computed anew.</exception>
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
            if (!replica.HasCopy && MemoryIsShort())
            {
                // Answered by a retry later, not by an OutOfMemoryException in the middle of a computation.
                await EvictAsync(TimeSpan.Zero, keep: 0).ConfigureAwait(false);
                throw new GatewayBusyException("the gateway is short of memory and this comparison is not in memory yet; try again shortly");
            }
            result = await replica.RefreshAsync().ConfigureAwait(false);
        }
        var json = replica.Json(result);
        await TrimAsync().ConfigureAwait(false);
        return (result, json);
    }

    /// <summary>
    /// An export of a version (CSV, zip …), built once per version and kept with its replica; at most
    /// <see cref="GatewayOptions.MaxConcurrentExports"/> are built at once, and a request that waits longer than
    /// <see cref="GatewayOptions.ExportWait"/> for its turn gets 503.
    /// </summary>
    public async Task<byte[]> ExportAsync(ComparisonResult result, string format, Func<ComparisonResult, Task<byte[]>> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(build);
        var replica = _replicas.GetValueOrDefault(result.Spec.ToKey());
        if (replica?.Rendered(result.Version, format) is { } kept)
        {
            return kept;
        }
        if (!await _exports.WaitAsync(_exportWait, cancellationToken).ConfigureAwait(false))
        {
            throw new GatewayBusyException($"the gateway is building its maximum of {_maxExports} exports at once (MaxConcurrentExports); try again shortly");
        }
        byte[] bytes;
        try
        {
            bytes = replica?.Rendered(result.Version, format) ?? await build(result).ConfigureAwait(false);
        }
        finally
        {
            _exports.Release();
        }
        replica?.KeepRendered(result.Version, format, bytes);
        await TrimAsync().ConfigureAwait(false);
        return bytes;
    }

    /// <summary>
    /// Whether the process is near the memory the runtime sees (a container's limit, a heap hard limit or the
    /// machine's), by the last collection's figures.
    /// </summary>
    private static bool MemoryIsShort()
    {
        var memory = GC.GetGCMemoryInfo();
        return memory.HighMemoryLoadThresholdBytes > 0 && memory.MemoryLoadBytes >= memory.HighMemoryLoadThresholdBytes;
    }

    /// <summary>Past the byte budget, the largest replicas go first until the rest fit.</summary>
    private async Task TrimAsync()
    {
        var held = _replicas.Select(r => (r.Key, r.Value, Bytes: r.Value.Bytes)).ToList();
        var total = held.Sum(r => r.Bytes);
        if (total <= ByteBudget)
        {
            return;
        }
        var victims = new List<KeyValuePair<string, ComparisonReplica>>();
        foreach (var (key, replica, bytes) in held.OrderByDescending(r => r.Bytes))
        {
            if (total <= ByteBudget)
            {
                break;
            }
            victims.Add(new(key, replica));
            total -= bytes;
        }
        await DropAsync(victims).ConfigureAwait(false);
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
        await DropAsync(victims).ConfigureAwait(false);
    }

    /// <summary>Removes each replica (unless already replaced) and unsubscribes it from its grain.</summary>
    private async Task DropAsync(IEnumerable<KeyValuePair<string, ComparisonReplica>> victims)
    {
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
