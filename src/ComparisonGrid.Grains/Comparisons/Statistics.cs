using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.Comparisons;

public static class Statistics
{
    public static IndicatorStats Summarise(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new IndicatorStats(0, null, null, null, null, null);
        }
        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        return new IndicatorStats(values.Count, Round(mean), Median(values), values.Min(), values.Max(), Round(std));
    }

    public static double? Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return Round(sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
    }

    public static double Round(double value) => Math.Round(value, 4);
}
