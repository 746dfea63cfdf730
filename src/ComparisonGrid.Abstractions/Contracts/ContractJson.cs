using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComparisonGrid.Contracts;

/// <summary>JSON of the contracts as the CLI prints them (camelCase, nulls left out); the gateway has its own context.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(ComparisonResult))]
[JsonSerializable(typeof(StoredReport))]
[JsonSerializable(typeof(IReadOnlyList<RegionEntry>))]
public sealed partial class ContractJson : JsonSerializerContext
{
    /// <summary>The same JSON with Chinese text as written instead of \u escapes, for people and spreadsheets.</summary>
    public static ContractJson Readable { get; } =
        new(new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
}
