using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using ComparisonGrid.Runtime.Membership;
using ComparisonGrid.Runtime.Messaging;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>
/// Runs what other silos send: grain calls, delivered to the activation here, and notifications to observers held
/// here. A call for a grain this silo does not own (after reading membership again) is answered "moved", so the
/// caller goes to the silo it belongs to.
/// </summary>
internal sealed class RemoteCallHandler(CallCodec codec, MembershipView view, ILocalDelivery local, ObserverRegistry observers, SiloClient client)
{
    private readonly ConcurrentDictionary<Type, FrozenDictionary<string, MethodDispatcher>> _observerMethods = new();

    public async Task<byte[]> HandleCallAsync(ReadOnlySequence<byte> body)
    {
        var call = codec.DecodeCall(body, ObserverFor);
        if (view.RemoteOwner(call.Id) is not null)
        {
            await view.RefreshAsync().ConfigureAwait(false);
            if (view.RemoteOwner(call.Id) is not null)
            {
                return CallCodec.EncodeMoved();
            }
        }
        var item = call.Method.CreateItem(call.Arguments, call.Chain);
        local.Deliver(call.Type, call.Id, item);
        if (call.Method.IsOneWay)
        {
            return codec.EncodeAnswer(call.Method, Task.CompletedTask);
        }
        await item.Task.Settled().ConfigureAwait(false);
        return codec.EncodeAnswer(call.Method, item.Task);
    }

    public async Task<byte[]> HandleNotificationAsync(ReadOnlySequence<byte> body)
    {
        var notification = codec.DecodeNotification(body);
        if (observers.Find(notification.ObserverId) is not { } observer)
        {
            return CallCodec.EncodeError(new KeyNotFoundException($"observer {notification.ObserverId} is gone"));
        }
        var method = _observerMethods.GetOrAdd(observer.GetType(), static t => GrainType.ByNameOf(
                t.GetInterfaces().Where(CallCodec.IsObserver).SelectMany(i => ObserverProxy.DispatchersOf(i).Values).Distinct(), t))
            .GetValueOrDefault(notification.Method) ?? throw new ArgumentException($"the observer has no method {notification.Method}");
        var arguments = codec.ArgumentsOf(notification, method, ObserverFor);
        Task task;
        try
        {
            task = method.Invoke(observer, arguments);
        }
        catch (Exception e) when (e is not JsonException)
        {
            task = Task.FromException(e);
        }
        await task.Settled().ConfigureAwait(false);
        return codec.EncodeAnswer(method, task);
    }

    // An observer is called back at the address it names, so only a live member's address is taken: anything else
    // would make this silo post to wherever a caller pointed it.
    private object ObserverFor(Type observerInterface, string silo, string id) => view.Silos.Any(s => s.Address == silo && s.Status is SiloStatus.Active or SiloStatus.Joining)
        ? observers.ProxyFor(observerInterface, silo, id, (t, s, i) => ObserverRegistry.CreateProxy(t, client, s, i))
        : throw new ArgumentException($"the observer's address {silo} is not a live member of the cluster");
}
