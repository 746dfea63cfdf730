using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.State;

/// <summary>
/// A report's facts, stored apart from the report (a few KB instead of the whole text), so a year catalog
/// can rebuild from them and never holds the only copy of an acknowledged ingest.
/// </summary>
public sealed class ReportFactsState
{
    public ReportFacts? Facts { get; set; }
}
