using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>
/// The part of a report that comparisons read: its region, targets, achieved figures and theme intensities,
/// without sections and text. Catalogs keep these so a comparison never opens the reports themselves.
/// </summary>
/// <param name="ContentHash">The SHA-256 (lower-case hex) of the report's source text in UTF-8, the text
/// <c>GET /api/reports/{region}/{year}?text=true</c> returns; null for facts stored before hashes were kept
/// (ingesting the report again fills it in).</param>
/// <param name="Source">Where that text came from (input name, row).</param>
/// <param name="Unread">How many clauses the parser read as neither target nor achievement (<see cref="Report.Unread"/>);
/// null for a report parsed by a release that did not count them.</param>
[GenerateSerializer, Immutable, Alias("cg.ReportFacts")]
public sealed record ReportFacts(
    RegionRef Region,
    int Year,
    int Version,
    string? Title,
    IReadOnlyList<Target> Targets,
    IReadOnlyList<Achievement> Achievements,
    IReadOnlyList<ThemeScore> Themes,
    IReadOnlyList<string> Flags,
    int Characters,
    string? ContentHash = null,
    SourceSpan? Source = null,
    int? Unread = null);
