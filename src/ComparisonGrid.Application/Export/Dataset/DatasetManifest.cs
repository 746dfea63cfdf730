using ComparisonGrid.Model;

namespace ComparisonGrid.Application.Export.Dataset;

/// <summary>
/// What a dataset export holds and was made by: the engine, the time, the filter, and each table's file with its
/// rows and the SHA-256 of its bytes. Cite an export by the engine version and these hashes; a row leads back to
/// its sentence through <c>code</c>, <c>year</c>, <c>quote</c> and its offsets in the report's source text.
/// </summary>
public sealed record DatasetManifest(
    string Engine,
    string EngineVersion,
    string? Commit,
    DateTimeOffset CreatedAt,
    string Format,
    DatasetScope Filter,
    IReadOnlyList<DatasetFile> Tables,
    IReadOnlyList<ExportedFile> Files);

/// <summary>The filter as the manifest records it (null: every level, province or year).</summary>
public sealed record DatasetScope(RegionLevel? Level, string? ProvinceCode, int? From, int? To);

/// <summary>A table's file in a dataset export and the rows it holds.</summary>
public sealed record DatasetFile(string Table, string File, long Rows);
