using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.Comparisons;

/// <summary>Theme intensity per region and, per theme, the regions ranked by it.</summary>
public static class ThemeComparer
{
    public static ThemeComparison Compare(IEnumerable<ReportFacts> members)
    {
        var list = members.OrderBy(m => m.Region.Code, StringComparer.Ordinal).ToList();
        var regions = list.Select(m => new RegionThemes(m.Region, m.Characters,
            m.Themes.ToDictionary(t => t.Theme, t => t.Per10K, StringComparer.Ordinal))).ToList();
        var rankings = list
            .SelectMany(m => m.Themes.Select(t => (m.Region, Score: t)))
            .GroupBy(x => x.Score.Theme, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ThemeRanking(g.Key, g.First().Score.Label, [.. g
                .OrderByDescending(x => x.Score.Per10K).ThenBy(x => x.Region.Code, StringComparer.Ordinal)
                .Select((x, i) => new ThemeRank(i + 1, x.Region, x.Score.Hits, x.Score.Per10K))]))
            .ToList();
        return new ThemeComparison(regions, rankings);
    }
}
