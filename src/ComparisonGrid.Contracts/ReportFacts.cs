using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>
/// The part of a report that comparisons read: its region, targets, achieved figures and theme intensities,
/// without sections and text. Catalogs keep these so a comparison never opens the reports themselves.
/// </summary>
public sealed record ReportFacts(
    RegionRef Region,
    int Year,
    int Version,
    string? Title,
    IReadOnlyList<Target> Targets,
    IReadOnlyList<Achievement> Achievements,
    IReadOnlyList<ThemeScore> Themes,
    IReadOnlyList<string> Flags,
    int Characters);
