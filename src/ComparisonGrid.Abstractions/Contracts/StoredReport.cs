using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>A report as stored: the parsed report, the hash of its source, its version and the hashes it replaced.</summary>
public sealed record StoredReport(Report Report, string SourceHash, int Version, DateTimeOffset IngestedAt, IReadOnlyList<ReportVersion> History);

/// <summary>An earlier version of a report, by the hash of its source text.</summary>
public sealed record ReportVersion(int Version, string SourceHash, DateTimeOffset IngestedAt);
