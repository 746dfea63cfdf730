using ComparisonGrid.Runtime.Membership;
using ComparisonGrid.Runtime.Messaging;
using ComparisonGrid.Runtime.Metrics;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>The silo's way into the cluster: placement from the membership view, calls out through the silo client.</summary>
internal sealed class ClusterRouter : IRemoteRouter
{
    private readonly MembershipView _view;
    private readonly SiloClient _client;

    private readonly RuntimeMetrics _metrics;

    public ClusterRouter(MembershipView view, SiloClient client, CallCodec codec, GrainTypeMap types, RuntimeMetrics metrics)
    {
        _view = view;
        _client = client;
        _metrics = metrics;
        // A grain method whose types cannot cross between silos fails the start, not its first remote call.
        foreach (var method in types.All.SelectMany(t => t.Dispatchers.Values))
        {
            codec.Validate(method);
        }
    }

    public long PlacementVersion => _view.Version;

    public bool IsRemote(GrainId id) => _view.RemoteOwner(id) is not null;

    public bool TrySend(GrainType type, GrainId id, IWorkItem item, ILocalDelivery local)
    {
        if (_view.RemoteOwner(id) is not { } owner)
        {
            return false;
        }
        _metrics.RemoteCall();
        _ = _client.CallAsync(owner.Address, type, id, item, local);
        return true;
    }

    public void Leave() => _view.Leave();
}
