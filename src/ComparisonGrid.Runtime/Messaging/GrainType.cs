using System.Collections.Frozen;
using System.Reflection;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Metrics;

namespace ComparisonGrid.Runtime.Messaging;

/// <summary>A registered grain: its interface, its implementation and the dispatchers of its methods.</summary>
internal sealed class GrainType
{
    public GrainType(Type grainInterface, Type implementation)
    {
        if (!grainInterface.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(grainInterface))
        {
            throw new ArgumentException($"{grainInterface.Name} is not a grain interface (IGrainWithStringKey).");
        }
        if (!grainInterface.IsAssignableFrom(implementation) || !typeof(Grain).IsAssignableFrom(implementation))
        {
            throw new ArgumentException($"{implementation.Name} must derive from Grain and implement {grainInterface.Name}.");
        }
        Interface = grainInterface;
        Implementation = implementation;
        Name = NameOf(grainInterface);
        IsReentrant = implementation.IsDefined(typeof(ReentrantAttribute), inherit: true);
        Dispatchers = grainInterface.GetInterfaces().Append(grainInterface)
            .SelectMany(i => i.GetMethods())
            .ToFrozenDictionary(m => m, MethodDispatcher.For);
        ByName = ByNameOf(Dispatchers.Values, grainInterface);
    }

    /// <summary>Dispatchers by their wire name (Interface.Method), as calls between silos name them.</summary>
    internal static FrozenDictionary<string, MethodDispatcher> ByNameOf(IEnumerable<MethodDispatcher> dispatchers, Type grainInterface)
    {
        var byName = new Dictionary<string, MethodDispatcher>(StringComparer.Ordinal);
        foreach (var d in dispatchers)
        {
            if (!byName.TryAdd(d.Name, d))
            {
                throw new NotSupportedException($"{grainInterface.Name}: {d.Name} is overloaded; grain and observer methods need distinct names to be called between silos");
            }
        }
        return byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>IReportGrain → report: the name used in grain ids, storage rows and metrics.</summary>
    public static string NameOf(Type grainInterface)
    {
        ArgumentNullException.ThrowIfNull(grainInterface);
        var name = grainInterface.Name;
        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name[1..];
        }
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > 5)
        {
            name = name[..^5];
        }
        return string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
    }

    public string Name { get; }

    public Type Interface { get; }

    public Type Implementation { get; }

    public bool IsReentrant { get; }

    public FrozenDictionary<MethodInfo, MethodDispatcher> Dispatchers { get; }

    public FrozenDictionary<string, MethodDispatcher> ByName { get; }

    public GrainTypeCounters Counters { get; init; } = new();

    /// <summary>Counts a finished call against the type and its method.</summary>
    public void Record(IWorkItem item, TimeSpan latency, bool failed)
    {
        Counters.CallCompleted(latency, failed);
        item.Method.Counters.CallCompleted(latency, failed);
    }
}
