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
    private long? _confirmedAt;
    private Task<ComparisonResult>? _refreshing;

    public IComparisonGrain Grain => grain;

    public long LastRead { get; private set; } = Stopwatch.GetTimestamp();

    /// <summary>The copy when its lease holds; null when the next read must ask the grain.</summary>
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

    private void Offer(ComparisonResult result)
    {
        if (_current is null || result.Version > _current.Version)
        {
            _current = result;
        }
    }
}
