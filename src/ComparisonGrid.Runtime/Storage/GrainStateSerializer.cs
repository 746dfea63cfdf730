using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ComparisonGrid.Core;

namespace ComparisonGrid.Runtime.Storage;

/// <summary>
/// JSON for grain state, from source-generated contexts the application registers (no reflection), so a
/// state type without one fails at activation with its name instead of serialising something unexpected.
/// </summary>
public sealed class GrainStateSerializer
{
    private readonly JsonSerializerOptions _options;

    public GrainStateSerializer(IEnumerable<IJsonTypeInfoResolver> resolvers)
    {
        _options = JsonConventions.Storage();
        _options.TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers]);
        _options.MakeReadOnly();
    }

    /// <summary>The same contexts serialise arguments and results of calls between silos.</summary>
    internal JsonSerializerOptions Options => _options;

    public JsonTypeInfo<T> TypeInfo<T>()
    {
        try
        {
            return (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException e)
        {
            throw new InvalidOperationException(
                $"no JSON context knows the state type {typeof(T).Name}; register one with AddGrainJson", e);
        }
    }
}
