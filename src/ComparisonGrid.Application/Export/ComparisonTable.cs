using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Application.Export;

/// <summary>The rows of each comparison kind as table columns (the same for the terminal and for CSV).</summary>
public static class ComparisonTable
{
    public static TextTable For(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Spec.Kind switch
        {
            ComparisonKind.Indicator => Indicator(result.Rows ?? []),
            ComparisonKind.Themes => Themes(result.Themes ?? new ThemeComparison([], [])),
            ComparisonKind.Provinces => Provinces(result.Provinces ?? []),
            ComparisonKind.Hierarchy => Hierarchy(result.Hierarchy ?? []),
            ComparisonKind.Attainment => Attainment(result.Attainment ?? []),
            ComparisonKind.Panel => Panel(result.Panel ?? []),
            ComparisonKind.ThemePanel => ThemePanel(result.ThemePanel ?? []),
            _ => throw new NotSupportedException(result.Spec.Kind.ToString()),
        };
    }

    private static TextTable Indicator(IReadOnlyList<IndicatorRow> rows)
    {
        var t = new TextTable("rank", "region", "code", "level", "province", "comparator", "low", "high", "unit", "stretch", "value", "quote");
        foreach (var r in rows)
        {
            t.Add(r.Rank, r.Region.Name, r.Region.Code, Name(r.Region.Level), r.Region.Province, Name(r.Comparator), r.Low, r.High, r.Unit, r.Stretch, r.Value, r.Quote);
        }
        return t;
    }

    private static TextTable Themes(ThemeComparison themes)
    {
        var ids = themes.Rankings.Select(r => r.Theme).ToList();
        var t = new TextTable(["region", "code", "level", "province", .. themes.Rankings.Select(r => r.Label)]);
        foreach (var r in themes.Regions)
        {
            t.Add([r.Region.Name, r.Region.Code, Name(r.Region.Level), r.Region.Province, .. ids.Select(id => (object?)r.Per10K.GetValueOrDefault(id))]);
        }
        return t;
    }

    private static TextTable Provinces(IReadOnlyList<ProvinceRow> rows)
    {
        var t = new TextTable("rank", "province", "province_code", "count", "mean", "median");
        foreach (var r in rows)
        {
            t.Add(r.Rank, r.Province, r.ProvinceCode, r.Count, r.Mean, r.Median);
        }
        return t;
    }

    private static TextTable Hierarchy(IReadOnlyList<HierarchyRow> rows)
    {
        var t = new TextTable("region", "code", "level", "target", "unit", "parent", "parent_code", "parent_target", "gap", "quote");
        foreach (var r in rows)
        {
            t.Add(r.Region.Name, r.Region.Code, Name(r.Region.Level), r.Target.Value, r.Target.Unit, r.Parent?.Name, r.Parent?.Code, r.ParentTarget?.Value, r.Gap, r.Target.Quote);
        }
        return t;
    }

    private static TextTable Attainment(IReadOnlyList<AttainmentRow> rows)
    {
        var t = new TextTable("region", "code", "level", "province", "comparator", "target", "achieved", "unit", "hit", "target_quote", "achieved_quote");
        foreach (var r in rows)
        {
            t.Add(r.Region.Name, r.Region.Code, Name(r.Region.Level), r.Region.Province, Name(r.Target.Comparator), r.Target.Value,
                r.Achieved?.Value, r.Target.Unit, r.Hit, r.Target.Quote, r.Achieved?.Quote);
        }
        return t;
    }

    /// <summary>A panel in long format: one row per region and year.</summary>
    private static TextTable Panel(IReadOnlyList<PanelRow> rows)
    {
        var t = new TextTable("region", "code", "level", "province", "year", "comparator", "low", "high", "value", "unit", "stretch",
            "achieved", "hit", "gap_to_parent", "quote", "achieved_quote", "report_hash");
        foreach (var r in rows)
        {
            t.Add(r.Region.Name, r.Region.Code, Name(r.Region.Level), r.Region.Province, r.Year, r.Comparator is { } c ? Name(c) : null, r.Low, r.High,
                r.Value, r.Unit, r.Stretch, r.Achieved, r.Hit, r.ParentGap, r.Quote, r.AchievedQuote, r.ReportHash);
        }
        return t;
    }

    /// <summary>A theme panel in long format: one row per region and year.</summary>
    private static TextTable ThemePanel(IReadOnlyList<ThemePanelRow> rows)
    {
        var t = new TextTable("region", "code", "level", "province", "year", "theme", "label", "hits", "per10k", "characters", "report_hash");
        foreach (var r in rows)
        {
            t.Add(r.Region.Name, r.Region.Code, Name(r.Region.Level), r.Region.Province, r.Year, r.Theme, r.Label, r.Hits, r.Per10K, r.Characters, r.ReportHash);
        }
        return t;
    }

    /// <summary>
    /// A panel in wide format for Stata and Excel: one row per region, one column per year holding the figure the
    /// panel is about: the target's value, the achieved figure (figure=achieved), or achieved − target
    /// (figure=attainment); for a theme panel, the theme's hits per 10,000 characters.
    /// </summary>
    public static TextTable Wide(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var spec = result.Spec;
        var cells = spec.Kind == ComparisonKind.ThemePanel
            ? (result.ThemePanel ?? []).Select(r => (r.Region, r.Year, Figure: (double?)r.Per10K))
            : (result.Panel ?? []).Select(r => (r.Region, r.Year, Figure: Figure(spec.Figure, r)));
        var years = Enumerable.Range(spec.Year, (spec.ToYear ?? spec.Year) - spec.Year + 1).ToList();
        var t = new TextTable(["region", "code", "level", "province", .. years.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        foreach (var region in cells.GroupBy(r => r.Region.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = region.First().Region;
            var byYear = region.ToDictionary(r => r.Year);
            t.Add([first.Name, first.Code, Name(first.Level), first.Province,
                .. years.Select(y => (object?)(byYear.TryGetValue(y, out var r) ? r.Figure : null))]);
        }
        return t;
    }

    private static double? Figure(FigureKind figure, PanelRow row) => figure switch
    {
        FigureKind.Achieved => row.Achieved,
        FigureKind.Attainment => row.Achieved - row.Value is double gap ? Math.Round(gap, 4) : null,
        _ => row.Value,
    };

    private static string Name(RegionLevel level) => WireNames.Of(level);

    private static string Name(Comparator comparator) => WireNames.Of(comparator);
}
