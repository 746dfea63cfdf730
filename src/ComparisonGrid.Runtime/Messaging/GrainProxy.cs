using System.Reflection;

namespace ComparisonGrid.Runtime.Messaging;

/// <summary>
/// The object behind a grain reference: every interface call becomes a message to the grain's activation.
/// Generated at run time by DispatchProxy, as Orleans generates its references at build time.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private ICallRouter? _router;
    private GrainType? _type;

    internal GrainId Id { get; private set; }

    /// <summary>The router's note of where the last call went (the activation), so repeated calls skip the directory.</summary>
    internal object? Route { get; set; }

    internal void Bind(ICallRouter router, GrainType type, GrainId id)
    {
        _router = router;
        _type = type;
        Id = id;
    }

    internal GrainType Type => _type!;

    public override string ToString() => Id.ToString();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _router!.Send(this, _type!.Dispatchers[targetMethod], args ?? []);
    }
}
