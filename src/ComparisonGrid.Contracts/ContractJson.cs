using System.Text.Json.Serialization;
using ComparisonGrid.Core;

namespace ComparisonGrid.Contracts;

/// <summary>JSON of the contracts as the CLI prints them (the project's conventions, indented); the gateway has its own context.</summary>
[JsonSerializable(typeof(ComparisonResult))]
[JsonSerializable(typeof(StoredReport))]
[JsonSerializable(typeof(IReadOnlyList<RegionEntry>))]
public sealed partial class ContractJson : JsonSerializerContext
{
    public static ContractJson Readable { get; } = new(JsonConventions.Options(indented: true));
}
