using System.Collections.Frozen;
using ComparisonGrid.Runtime.Metrics;

namespace ComparisonGrid.Runtime.Messaging;

/// <summary>The registered grain types, by interface (references) and by name (calls from other silos).</summary>
internal sealed class GrainTypeMap
{
    private readonly FrozenDictionary<Type, GrainType> _byInterface;
    private readonly FrozenDictionary<string, GrainType> _byName;

    public GrainTypeMap(IEnumerable<GrainRegistration> registrations, RuntimeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(metrics);
        var types = registrations
            .Select(r => new GrainType(r.Interface, r.Implementation) { Counters = metrics.For(GrainType.NameOf(r.Interface)) })
            .ToList();
        foreach (var method in types.SelectMany(t => t.Dispatchers.Values))
        {
            method.Counters = metrics.ForMethod(method.Name);
        }
        _byInterface = types.ToFrozenDictionary(t => t.Interface);
        _byName = types.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public IEnumerable<GrainType> All => _byInterface.Values;

    public GrainType Of(Type grainInterface) => _byInterface.GetValueOrDefault(grainInterface)
        ?? throw new ArgumentException($"{grainInterface.Name} is not registered with the silo (AddGrain<{grainInterface.Name}, …>)");

    public GrainType? Find(string name) => _byName.GetValueOrDefault(name);
}
