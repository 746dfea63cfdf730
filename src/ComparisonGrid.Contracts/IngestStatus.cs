using System.Text.Json.Serialization;

namespace ComparisonGrid.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<IngestStatus>))]
[GenerateSerializer, Alias("cg.IngestStatus")]
public enum IngestStatus
{
    /// <summary>No report was stored for this region and year.</summary>
    [JsonStringEnumMemberName("new")] New,

    /// <summary>A report with a different source text was stored and is now replaced.</summary>
    [JsonStringEnumMemberName("replaced")] Replaced,

    /// <summary>The same source text was stored already; nothing changed.</summary>
    [JsonStringEnumMemberName("unchanged")] Unchanged,

    /// <summary>
    /// Not stored: the report's region was only guessed (region-uncertain) and the report stored for that region and
    /// year was resolved with confidence; a guess never replaces it. Ingest it again with its region named.
    /// </summary>
    [JsonStringEnumMemberName("held")] Held,
}
