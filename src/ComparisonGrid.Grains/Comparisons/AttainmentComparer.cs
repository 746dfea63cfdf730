using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.Comparisons;

/// <summary>Year Y's targets against what the Y+1 reports give as achieved for Y.</summary>
public static class AttainmentComparer
{
    public static IReadOnlyList<AttainmentRow> Rows(string indicator, int year, IEnumerable<ReportFacts> members, IReadOnlyDictionary<string, ReportFacts> nextYear)
    {
        ArgumentNullException.ThrowIfNull(nextYear);
        var rows = new List<AttainmentRow>();
        foreach (var m in members.OrderBy(m => m.Region.Code, StringComparer.Ordinal))
        {
            if (Attainment.TargetFor(m, indicator) is not { } target)
            {
                continue;
            }
            var achieved = Attainment.AchievedFor(nextYear.GetValueOrDefault(m.Region.Code), indicator, year);
            rows.Add(new AttainmentRow(m.Region, FigureView.From(target), achieved is null ? null : FigureView.From(achieved),
                Attainment.IsHit(target, achieved)));
        }
        return rows;
    }
}
