using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

internal static class ReportFactsBuilder
{
    public static ReportFacts From(Report report, int version) => new(
        RegionRef.From(report.Region!), report.Year!.Value, version, report.Title,
        report.Targets, report.Achievements, report.Themes, report.Flags, report.Characters);
}
