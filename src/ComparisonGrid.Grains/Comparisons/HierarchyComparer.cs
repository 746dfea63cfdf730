using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.Comparisons;

/// <summary>
/// Each region's target beside its parent's (county → prefecture → province → national) for the same year:
/// the gap shows how targets are amplified on the way down.
/// </summary>
public static class HierarchyComparer
{
    public static IReadOnlyList<HierarchyRow> Rows(string indicator, IEnumerable<ReportFacts> members, IReadOnlyDictionary<string, ReportFacts> allOfYear)
    {
        ArgumentNullException.ThrowIfNull(allOfYear);
        var rows = new List<HierarchyRow>();
        foreach (var m in members.OrderBy(m => m.Region.Code, StringComparer.Ordinal))
        {
            if (Attainment.TargetFor(m, indicator) is not { } target)
            {
                continue;
            }
            var own = FigureView.From(target);
            var parent = m.Region.ParentCode is string p ? allOfYear.GetValueOrDefault(p) : null;
            var parentTarget = parent is null ? null : Attainment.TargetFor(parent, indicator) is { } pt ? FigureView.From(pt) : null;
            var gap = own.Value is double a && parentTarget?.Value is double b && own.Unit == parentTarget.Unit ? Statistics.Round(a - b) : (double?)null;
            rows.Add(new HierarchyRow(m.Region, own, parent?.Region, parentTarget, gap));
        }
        return rows;
    }
}
