using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using ComparisonGrid.Runtime.Messaging;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>An observer held by another silo: each call goes back to that silo, where the real observer runs.</summary>
public class ObserverProxy : DispatchProxy
{
    private static readonly ConcurrentDictionary<Type, FrozenDictionary<MethodInfo, MethodDispatcher>> Dispatchers = new();
    private SiloClient? _client;

    private FrozenDictionary<MethodInfo, MethodDispatcher>? _methods;

    internal string SiloAddress { get; private set; } = "";

    internal string Id { get; private set; } = "";

    internal void Bind(SiloClient client, string silo, string id, Type observerInterface)
    {
        _client = client;
        SiloAddress = silo;
        Id = id;
        _methods = DispatchersOf(observerInterface);
    }

    internal static FrozenDictionary<MethodInfo, MethodDispatcher> DispatchersOf(Type observerInterface) =>
        Dispatchers.GetOrAdd(observerInterface, static t => t.GetInterfaces().Append(t)
            .SelectMany(i => i.GetMethods())
            .ToFrozenDictionary(m => m, MethodDispatcher.For));

    public override string ToString() => $"observer {Id} on {SiloAddress}";

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _client!.NotifyAsync(SiloAddress, Id, _methods![targetMethod], args ?? []);
    }
}
