using System.Reflection;

namespace ComparisonGrid.Runtime;

/// <summary>
/// The object behind a grain reference: every interface call becomes a message to the grain's activation.
/// Generated at run time by DispatchProxy, as Orleans generates its references at build time.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private Silo? _silo;
    private GrainType? _type;

    internal GrainId Id { get; private set; }

    /// <summary>The activation last used, so repeated calls skip the directory lookup.</summary>
    internal Activation? Activation { get; set; }

    internal void Bind(Silo silo, GrainType type, GrainId id)
    {
        _silo = silo;
        _type = type;
        Id = id;
    }

    internal GrainType Type => _type!;

    public override string ToString() => Id.ToString();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _silo!.Send(this, _type!.Dispatchers[targetMethod], args ?? []);
    }
}
