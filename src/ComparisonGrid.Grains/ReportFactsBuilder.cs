using System.Security.Cryptography;
using System.Text;
using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

internal static class ReportFactsBuilder
{
    // Theme hits per section stay in the report; comparisons read only the totals, and catalogs hold thousands of facts.
    public static ReportFacts From(Report report, int version, string? sourceText) => new(
        RegionRef.From(report.Region!), report.Year!.Value, version, report.Title,
        report.Targets, report.Achievements, [.. report.Themes.Select(t => t with { Sections = [] })], report.Flags, report.Characters,
        sourceText is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceText))), report.Source);
}
