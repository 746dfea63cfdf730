using System.Text.Json.Serialization;
using ComparisonGrid.Core;

namespace ComparisonGrid.Runtime.Metrics;

/// <summary>A silo's snapshot as it is published for the other silos' operator views, in the project's JSON conventions.</summary>
[JsonSerializable(typeof(RuntimeSnapshot))]
public sealed partial class RuntimeJson : JsonSerializerContext
{
    public static RuntimeJson Conventions { get; } = new(JsonConventions.Options());
}
