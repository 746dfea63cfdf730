using System.Collections.Concurrent;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace ComparisonGrid.Runtime.Catalog;

/// <summary>
/// The activations of this silo, one per grain id, and what they share: the activator that builds their grains,
/// the factory their grains call others through, and the delivery a call takes when its activation goes away.
/// </summary>
internal sealed class ActivationDirectory(GrainActivator activator, IGrainFactory factory, ILocalDelivery delivery, ILogger logger)
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private volatile bool _closed;

    public int Count => _activations.Count;

    public bool IsEmpty => _activations.IsEmpty;

    /// <summary>A moment's copy, for sweeps and snapshots.</summary>
    public IReadOnlyCollection<Activation> All => [.. _activations.Values];

    public GrainActivator Activator => activator;

    public IGrainFactory Factory => factory;

    public ILocalDelivery Delivery => delivery;

    /// <summary>Raised (on the activating thread) when a new activation takes the directory over a bound the collector watches.</summary>
    public event Action<int>? Grew;

    /// <summary>After this no grain is activated here: the silo is stopping.</summary>
    public void Close() => _closed = true;

    public Activation GetOrActivate(GrainType type, GrainId id)
    {
        if (_activations.TryGetValue(id, out var existing))
        {
            return existing;
        }
        if (_closed)
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
            Grew?.Invoke(_activations.Count);
        }
        return activation;
    }

    /// <summary>Forgets an activation that has finished deactivating (only that one: a newer one may hold the id already).</summary>
    public void Remove(Activation activation)
    {
        if (_activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation)))
        {
            activation.Type.Counters.Deactivated();
        }
    }

    public void DeactivationFailed(GrainId id, Exception e) => CatalogLog.DeactivationFailed(logger, e, id);
}
