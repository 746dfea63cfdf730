using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>A report as stored: the parsed report, the hash of its source, its version and the hashes it replaced.</summary>
/// <param name="SourceText">On request: the input as given over the report's span; an offset o of the report is
/// at <c>SourceText[o - Report.Source.Start]</c>.</param>
[GenerateSerializer, Immutable, Alias("cg.StoredReport")]
public sealed record StoredReport(Report Report, string SourceHash, int Version, DateTimeOffset IngestedAt, IReadOnlyList<ReportVersion> History,
    string? SourceText = null);

/// <summary>An earlier version of a report, by the hash of its source text.</summary>
[GenerateSerializer, Immutable, Alias("cg.ReportVersion")]
public sealed record ReportVersion(int Version, string SourceHash, DateTimeOffset IngestedAt);
