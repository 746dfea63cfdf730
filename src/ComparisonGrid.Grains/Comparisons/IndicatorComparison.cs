using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.Comparisons;

/// <summary>One indicator across regions: a row per region that states it, ranked high to low, with statistics.</summary>
public static class IndicatorComparison
{
    public const string Note = "values are in the rows' most common unit (others converted: 万亿元 → 亿元 …; unconvertible units have no value); ranges count at their midpoint; relation targets (增速与经济增长同步 …) have no value; rows without a value are ranked last, outside the statistics";

    public static (IReadOnlyList<IndicatorRow> Rows, IndicatorStats Stats) Compare(ComparisonSpec spec, IEnumerable<ReportFacts> members)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(members);
        var indicator = spec.Indicator ?? throw new ArgumentException("an indicator comparison needs an indicator");
        var figures = new List<(RegionRef Region, FigureView Figure)>();
        foreach (var m in members)
        {
            // Members of an achieved comparison come from the next year's reports, whose review gives this year's results.
            FigureView? figure = spec.Figure == FigureKind.Achieved
                ? Attainment.AchievedFor(m, indicator, spec.Year) is { } a ? FigureView.From(a) : null
                : Attainment.TargetFor(m, indicator) is { } t ? FigureView.From(t) : null;
            if (figure is not null)
            {
                figures.Add((m.Region, figure));
            }
        }
        var unit = CommonUnit(figures.Select(f => f.Figure));
        IReadOnlyList<IndicatorRow> rows = [.. figures
            .Select(f => (f.Region, f.Figure, Value: f.Figure.Value is double v ? Units.Convert(v, f.Figure.Unit, unit) : null))
            .OrderBy(f => f.Value is null)
            .ThenByDescending(f => f.Value)
            .ThenBy(f => f.Region.Code, StringComparer.Ordinal)
            .Select((f, i) => new IndicatorRow(i + 1, f.Region, f.Figure.Comparator, f.Figure.Low, f.Figure.High, f.Figure.Unit,
                f.Figure.Stretch, f.Figure.Quote, f.Value))];
        var stats = Statistics.Summarise([.. rows.Where(r => r.Value is not null).Select(r => r.Value!.Value)]) with { Unit = unit };
        return (rows, stats);
    }

    /// <summary>The unit most rows use (the first such on a tie), which the values and statistics are given in.</summary>
    private static string? CommonUnit(IEnumerable<FigureView> figures) =>
        figures.Where(f => f.Value is not null).GroupBy(f => f.Unit).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
}
