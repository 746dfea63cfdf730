using System.Reflection;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Messaging;
using ComparisonGrid.Runtime.Metrics;
using ComparisonGrid.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ComparisonGrid.Runtime.Catalog;

/// <summary>
/// Builds a grain for an activation: its constructor's services from the container, and a persistent state
/// bound to the storage provider for every [PersistentState] parameter.
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, IGrainStorage storage, GrainStateSerializer serializer, RuntimeMetrics metrics)
{
    public (Grain Grain, IReadOnlyList<IPersistentStateHandle> States) Create(GrainType type, Activation activation)
    {
        var states = new List<IPersistentStateHandle>();
        var constructor = type.Implementation.GetConstructors().Single();
        foreach (var parameter in constructor.GetParameters())
        {
            var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
            if (attribute is null)
            {
                continue;
            }
            var stateType = parameter.ParameterType.IsGenericType && parameter.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>)
                ? parameter.ParameterType.GetGenericArguments()[0]
                : throw new InvalidOperationException($"{type.Implementation.Name}: [PersistentState] goes on an IPersistentState<T> parameter");
            states.Add((IPersistentStateHandle)Activator.CreateInstance(
                typeof(PersistentState<>).MakeGenericType(stateType),
                storage, serializer, metrics, $"{type.Name}.{attribute.Name}", activation.Id.Key)!);
        }
        var grain = (Grain)ActivatorUtilities.CreateInstance(services, type.Implementation, [.. states]);
        grain.Attach(activation);
        return (grain, states);
    }
}
