using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

internal static class ReportFactsBuilder
{
    // Theme hits per section stay in the report; comparisons read only the totals, and catalogs hold thousands of facts.
    public static ReportFacts From(Report report, int version, string? sourceText) => new(
        RegionRef.From(report.Region!), report.Year!.Value, version, report.Title,
        report.Targets, report.Achievements, [.. report.Themes.Select(t => t with { Sections = [] })], report.Flags, report.Characters,
        sourceText is null ? null : Utf8Sha256.Hex(sourceText), report.Source, report.Unread?.Count);
}
