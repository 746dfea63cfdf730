namespace ComparisonGrid.Gateway.Live;

/// <summary>One version of a comparison as the JSON the API answers, with the entity tag that names that version.</summary>
public sealed record SerializedComparison(long Version, byte[] Json, string ETag)
{
    /// <summary>The tag parsed once, for If-None-Match comparisons.</summary>
    public Microsoft.Net.Http.Headers.EntityTagHeaderValue Tag { get; } = Microsoft.Net.Http.Headers.EntityTagHeaderValue.Parse(ETag);
}
