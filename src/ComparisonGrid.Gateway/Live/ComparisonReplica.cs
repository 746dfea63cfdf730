using System.Diagnostics;
using ComparisonGrid.Contracts;

namespace ComparisonGrid.Gateway.Live;

/// <summary>
/// This gateway's copy of one comparison, subscribed to the comparison grain, so each new version arrives here by
/// itself and reads need not cross to the silo that holds the grain. The copy is trusted for a lease: when the
/// lease runs out the next read subscribes again and asks the grain, since a grain that moved or restarted has
/// forgotten its subscribers. A copy never goes back to an older version.
/// </summary>
internal sealed class ComparisonReplica(IComparisonGrain grain) : IComparisonObserver
{
    /// <summary>How the grain calls this replica: a reference the runtime holds weakly, made by the owner.</summary>
    public IComparisonObserver Reference { get; set; } = null!;

    private readonly Lock _lock = new();
    private ComparisonResult? _current;
    private SerializedComparison? _json;
    private Renditions? _renditions;
    private long? _confirmedAt;
    private Task<ComparisonResult>? _refreshing;

    public IComparisonGrain Grain => grain;

    public long LastRead { get; private set; } = Stopwatch.GetTimestamp();

    /// <summary>
    /// What this replica holds, estimated: the result's objects take about twice its JSON, which is kept beside them,
    /// and any export built from that version. Known once the version has been serialised.
    /// </summary>
    public long Bytes
    {
        get
        {
            var json = Volatile.Read(ref _json);
            return (json?.Json.LongLength * 3 ?? 0) + (Volatile.Read(ref _renditions)?.Bytes ?? 0);
        }
    }

    /// <summary>Whether it holds any version: a read of a replica without one makes the grain compute.</summary>
    public bool HasCopy
    {
        get
        {
            lock (_lock)
            {
                return _current is not null;
            }
        }
    }

    /// <summary>The JSON of a version this replica holds, serialised once for all its reads.</summary>
    public SerializedComparison Json(ComparisonResult result)
    {
        var json = Volatile.Read(ref _json);
        if (json?.Version == result.Version)
        {
            return json;
        }
        json = SerializedComparisons.Serialize(result);
        Volatile.Write(ref _json, json);
        return json;
    }

    /// <summary>An export of this version (csv, zip …) built earlier, if any.</summary>
    public byte[]? Rendered(long version, string format)
    {
        var renditions = Volatile.Read(ref _renditions);
        return renditions?.Version == version ? renditions.Formats.GetValueOrDefault(format) : null;
    }

    /// <summary>Keeps an export of a version for the next reads of it; a newer version's exports replace an older one's.</summary>
    public void KeepRendered(long version, string format, byte[] bytes)
    {
        lock (_lock)
        {
            var renditions = _renditions?.Version == version ? _renditions : new Renditions(version);
            renditions.Formats[format] = bytes;
            Volatile.Write(ref _renditions, renditions);
        }
    }

    /// <summary>The copy when its lease holds; null when the next read must ask the grain.</summary>
    public ComparisonResult? Fresh(TimeSpan lease)
    {
        LastRead = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            return _current is not null && _confirmedAt is { } at && Stopwatch.GetElapsedTime(at) < lease ? _current : null;
        }
    }

    /// <summary>Ends the lease: a write through this gateway may have changed the comparison, and its writer reads next.</summary>
    public void Expire()
    {
        lock (_lock)
        {
            _confirmedAt = null;
        }
    }

    /// <summary>Subscribes (a no-op while subscribed) and reads the grain's current version; concurrent readers share one call.</summary>
    public Task<ComparisonResult> RefreshAsync()
    {
        lock (_lock)
        {
            return _refreshing is { IsCompleted: false } ? _refreshing : _refreshing = ConfirmAsync();
        }
    }

    private async Task<ComparisonResult> ConfirmAsync()
    {
        var asked = Stopwatch.GetTimestamp();
        // Subscribe before reading, so a version published in between is not lost.
        await grain.SubscribeAsync(Reference).ConfigureAwait(false);
        var result = await grain.GetAsync().ConfigureAwait(false);
        lock (_lock)
        {
            Offer(result);
            _confirmedAt = asked;
            return _current!;
        }
    }

    public Task OnComparisonUpdatedAsync(ComparisonResult result)
    {
        lock (_lock)
        {
            Offer(result);
        }
        return Task.CompletedTask;
    }

    private sealed class Renditions(long version)
    {
        public long Version { get; } = version;

        public System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Formats { get; } = new(StringComparer.Ordinal);

        public long Bytes => Formats.Values.Sum(b => (long)b.Length);
    }

    private void Offer(ComparisonResult result)
    {
        if (_current is null || result.Version > _current.Version)
        {
            _current = result;
        }
    }
}
