using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using ComparisonGrid.Runtime.Messaging;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>
/// Observers that crossed between silos. Outgoing: a local observer gets an id under which other silos call it
/// back; the entry is weak, so an observer nobody holds any more goes away and its remote grain drops it on the
/// next notification. Incoming: one proxy per (silo, id), so a grain sees the same object on subscribe and on
/// unsubscribe and its observer set can remove it.
/// </summary>
internal sealed class ObserverRegistry
{
    private readonly ConditionalWeakTable<object, string> _ids = new();
    private readonly ConcurrentDictionary<string, WeakReference<object>> _local = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string SiloAddress, string Id), WeakReference<object>> _proxies = new();

    public string IdOf(object observer) => _ids.GetValue(observer, o =>
    {
        var id = Guid.NewGuid().ToString("N");
        _local[id] = new WeakReference<object>(o);
        Prune(_local);
        return id;
    });

    public object? Find(string id) => _local.TryGetValue(id, out var weak) && weak.TryGetTarget(out var observer) ? observer : null;

    public object ProxyFor(Type observerInterface, string silo, string id, Func<Type, string, string, object> create)
    {
        while (true)
        {
            if (_proxies.TryGetValue((silo, id), out var weak) && weak.TryGetTarget(out var existing))
            {
                return existing;
            }
            var proxy = create(observerInterface, silo, id);
            if (weak is null ? _proxies.TryAdd((silo, id), new WeakReference<object>(proxy)) : _proxies.TryUpdate((silo, id), new WeakReference<object>(proxy), weak))
            {
                Prune(_proxies);
                return proxy;
            }
        }
    }

    public static object CreateProxy(Type observerInterface, SiloClient client, string silo, string id)
    {
        var proxy = DispatchProxy.Create(observerInterface, typeof(ObserverProxy));
        ((ObserverProxy)proxy).Bind(client, silo, id, observerInterface);
        return proxy;
    }

    // Amortised: entries of collected observers are dropped when the table has doubled since the last pass.
    private static void Prune<TKey>(ConcurrentDictionary<TKey, WeakReference<object>> table) where TKey : notnull
    {
        if (table.Count < 1024 || (table.Count & (table.Count - 1)) != 0)
        {
            return;
        }
        foreach (var (key, weak) in table)
        {
            if (!weak.TryGetTarget(out _))
            {
                table.TryRemove(new KeyValuePair<TKey, WeakReference<object>>(key, weak));
            }
        }
    }
}
