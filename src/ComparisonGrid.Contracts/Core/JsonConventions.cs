using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComparisonGrid.Core;

/// <summary>
/// The JSON conventions of everything ComparisonGrid writes (API answers, CLI output, grain state and calls):
/// camelCase names, nulls left out, Chinese text as written rather than \u escapes (a third of the size, and
/// readable in a terminal or a browser's network tab). Each source-generated context is built from these options.
/// </summary>
public static class JsonConventions
{
    /// <summary>
    /// Grain state as it has been stored since the first release (property names as declared, nulls written), and
    /// the arguments of calls between silos, which go through the same contexts.
    /// </summary>
    public static JsonSerializerOptions Storage() => new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="indented">For people: the CLI's output.</param>
    /// <param name="keepNulls">For the fixed parse output contract (shared/spec/targets.md), whose fields are always present.</param>
    public static JsonSerializerOptions Options(bool indented = false, bool keepNulls = false) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = keepNulls ? JsonIgnoreCondition.Never : JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = indented,
    };
}
