using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.Comparisons;

/// <summary>An indicator's rows at one level rolled up per province, ranked by mean.</summary>
public static class ProvinceRollup
{
    public static IReadOnlyList<ProvinceRow> Rows(IReadOnlyList<IndicatorRow> rows) =>
    [
        .. rows.Where(r => r.Region.ProvinceCode is not null)
            .GroupBy(r => r.Region.ProvinceCode!, StringComparer.Ordinal)
            .Select(g =>
            {
                var values = g.Where(r => r.Value is not null).Select(r => r.Value!.Value).ToList();
                return (Code: g.Key, Name: g.First().Region.Province ?? g.Key, Count: g.Count(),
                    Mean: values.Count == 0 ? (double?)null : Statistics.Round(values.Average()), Median: Statistics.Median(values));
            })
            .OrderBy(p => p.Mean is null).ThenByDescending(p => p.Mean).ThenBy(p => p.Code, StringComparer.Ordinal)
            .Select((p, i) => new ProvinceRow(i + 1, p.Name, p.Code, p.Count, p.Mean, p.Median)),
    ];
}
