using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>
/// What changed in a region's report from one year to another: its targets (each with both quotes), the themes
/// that rose or fell most (per 10,000 characters), and the top-level sections that came or went.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ReportChanges")]
public sealed record ReportChanges(
    RegionRef Region,
    int From,
    int To,
    IReadOnlyList<TargetChange> Targets,
    IReadOnlyList<ThemeChange> ThemesRose,
    IReadOnlyList<ThemeChange> ThemesFell,
    IReadOnlyList<string> SectionsAdded,
    IReadOnlyList<string> SectionsRemoved);

/// <summary>One indicator's target in both years; <see cref="Before"/> or <see cref="After"/> is null when added or dropped.</summary>
[GenerateSerializer, Immutable, Alias("cg.TargetChange")]
public sealed record TargetChange(string Indicator, TargetChangeKind Change, FigureView? Before, FigureView? After, double? Difference);

[GenerateSerializer, Immutable, Alias("cg.ThemeChange")]
public sealed record ThemeChange(string Theme, string Label, double Before, double After, double Change);
