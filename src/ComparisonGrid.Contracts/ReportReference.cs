using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>
/// A report a comparison read, as an export's manifest names it: enough to find the very text a number came from
/// and to tell whether it has changed since.
/// </summary>
/// <param name="Hash">The SHA-256 of the report's source text (<see cref="ReportFacts.ContentHash"/>).</param>
/// <param name="Source">The input it was ingested from, with the row for corpora.</param>
[GenerateSerializer, Immutable, Alias("cg.ReportReference")]
public sealed record ReportReference(string RegionCode, string Region, RegionLevel Level, int Year, int Version, string? Hash, string? Source,
    IReadOnlyList<string> Flags)
{
    public static ReportReference From(ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new(facts.Region.Code, facts.Region.Name, facts.Region.Level, facts.Year, facts.Version, facts.ContentHash,
            facts.Source is { } s ? s.Row is int row ? $"{s.Input}#{row}" : s.Input : null, facts.Flags);
    }
}
