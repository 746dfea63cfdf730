using System.Globalization;

namespace ComparisonGrid.Hosting.Migration;

/// <summary>What an import did: states written, states the target had already (an earlier run, or newer), and rows it could not take.</summary>
public sealed record ImportSummary(IReadOnlyDictionary<string, int> Imported, int AlreadyThere, IReadOnlyList<string> Refused)
{
    public int ImportedCount => Imported.Values.Sum();

    /// <summary>One line: "imported 29 states (report.report 14, report.facts 14, ...); 0 already there; 0 refused".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"imported {ImportedCount} states ({string.Join(", ", Imported.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}); " +
        $"{AlreadyThere} already there; {Refused.Count} refused{(Refused.Count > 0 ? ": " + string.Join("; ", Refused.Take(5)) : "")}");
}
