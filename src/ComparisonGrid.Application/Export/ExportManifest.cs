using ComparisonGrid.Contracts;

namespace ComparisonGrid.Application.Export;

/// <summary>
/// What an export was made of and by: the engine, each comparison's spec, the time, a hash of every file beside the
/// manifest, and every report read with the hash of its source text. Apart from <see cref="CreatedAt"/> it is the
/// same whenever the same data is exported again.
/// </summary>
public sealed record ExportManifest(
    string Engine,
    string EngineVersion,
    string? Commit,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ExportedComparison> Comparisons,
    IReadOnlyList<ExportedFile> Files,
    IReadOnlyList<ReportReference> Reports);

/// <summary>One comparison of an export: its key, its spec and the rows it gave.</summary>
public sealed record ExportedComparison(string Key, ComparisonSpec Spec, int Rows);

/// <summary>A file of an export archive and the SHA-256 of its bytes.</summary>
public sealed record ExportedFile(string Name, string Sha256, long Bytes);
