namespace ComparisonGrid.Contracts;

/// <summary>Where a user said a report belongs, for the source it was parsed from; applied again on every re-ingest.</summary>
[GenerateSerializer, Immutable, Alias("cg.RegionCorrection")]
public sealed record RegionCorrection(string RegionCode, int Year, DateTimeOffset CorrectedAt);
