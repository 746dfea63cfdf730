namespace ComparisonGrid.Gateway.Live;

/// <summary>One version of a comparison as the JSON the API answers, with the entity tag that names that version.</summary>
public sealed record SerializedComparison(long Version, byte[] Json, string ETag);
