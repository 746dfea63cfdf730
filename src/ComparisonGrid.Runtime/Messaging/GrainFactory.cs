using System.Reflection;
using ComparisonGrid.Core;

namespace ComparisonGrid.Runtime.Messaging;

/// <summary>Makes grain references: a proxy bound to the grain's id and the router its calls go through.</summary>
internal sealed class GrainFactory(GrainTypeMap types, ICallRouter router) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var type = types.Of(typeof(TGrainInterface));
        var reference = DispatchProxy.Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)reference).Bind(router, type, new GrainId(type.Name, key));
        return reference;
    }
}
