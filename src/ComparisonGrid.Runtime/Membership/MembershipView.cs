using ComparisonGrid.Runtime.Messaging;
using ComparisonGrid.Runtime.Storage;

namespace ComparisonGrid.Runtime.Membership;

/// <summary>
/// This silo's picture of the cluster, read from the membership table: which silos are active, and so which
/// silo each grain belongs to. Every silo computes placement from the same table, so their answers agree once
/// they have read the same rows; while they disagree (a membership change in flight) the receiving silo
/// redirects, and etags keep two short-lived activations from overwriting each other.
/// </summary>
public sealed class MembershipView(MembershipTable table)
{
    private static readonly TimeSpan FreshEnough = TimeSpan.FromMilliseconds(100);
    private readonly Lock _lock = new();
    private SiloEntry[] _active = [];
    private IReadOnlyList<SiloEntry> _all = [];
    private long _readAt;
    private Task? _refreshing;

    /// <summary>This silo's id in the table, once it has joined.</summary>
    public string? SelfId { get; private set; }

    /// <summary>Set when this silo starts leaving: from then on it owns nothing, whatever the table says.</summary>
    public bool Leaving { get; private set; }

    /// <summary>Moves on every change of the active set, so callers can tell whether placement may have moved.</summary>
    public long Version { get; private set; }

    /// <summary>Every silo in the table, dead ones included.</summary>
    public IReadOnlyList<SiloEntry> Silos => _all;

    /// <summary>The silos grains are placed on.</summary>
    public IReadOnlyList<SiloEntry> Active => _active;

    internal void Joined(string siloId) => SelfId = siloId;

    internal void Leave()
    {
        Leaving = true;
        Bump();
    }

    public void Update(IReadOnlyList<SiloEntry> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        var active = silos.Where(s => s.Status == SiloStatus.Active).OrderBy(s => s.SiloId, StringComparer.Ordinal).ToArray();
        bool changed;
        lock (_lock)
        {
            _all = silos;
            _readAt = Environment.TickCount64;
            changed = !active.Select(s => s.SiloId).SequenceEqual(_active.Select(s => s.SiloId), StringComparer.Ordinal);
            _active = active;
        }
        if (changed)
        {
            Bump();
        }
    }

    /// <summary>
    /// Reads the table again unless it was read a moment ago; concurrent callers share one read. When the table
    /// cannot be read (the database down too), the view stays as it was: callers decide with what is known.
    /// </summary>
    /// <param name="evenIfFresh">Read even when the view was read a moment ago: a silo just refused a connection,
    /// so the view may be from before it left.</param>
    public Task RefreshAsync(bool evenIfFresh = false)
    {
        lock (_lock)
        {
            if (!evenIfFresh && Environment.TickCount64 - _readAt < FreshEnough.TotalMilliseconds)
            {
                return Task.CompletedTask;
            }
            return _refreshing is { IsCompleted: false } ? _refreshing : _refreshing = ReadAsync();
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            Update(await table.ReadAllAsync(CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception e) when (StoreFaults.IsUnavailable(e))
        {
            // Keep the view; the next refresh or heartbeat round tries again.
        }
    }

    /// <summary>The silo the grain belongs to when that is another silo; null when it is this one (or no cluster is known).</summary>
    public SiloEntry? RemoteOwner(GrainId grain)
    {
        var active = _active;
        var self = SelfId;
        SiloEntry? best = null;
        var bestScore = 0UL;
        foreach (var silo in active)
        {
            if (Leaving && silo.SiloId == self)
            {
                continue;
            }
            var score = PlacementHash.Score(silo.SiloId, grain);
            if (best is null || score > bestScore)
            {
                best = silo;
                bestScore = score;
            }
        }
        return best is null || best.SiloId == self ? null : best;
    }

    private void Bump()
    {
        lock (_lock)
        {
            Version++;
        }
    }
}
