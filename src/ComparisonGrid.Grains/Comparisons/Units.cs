namespace ComparisonGrid.Grains.Comparisons;

/// <summary>
/// Converts between the quantity units reports write (万元, 亿元, 万亿元 …), so one comparison can rank
/// 4万亿元 beside 27584亿元. Units of different kinds (亿元, %) never convert.
/// </summary>
public static class Units
{
    private static readonly Dictionary<string, (string Base, double Factor)> Known = new(StringComparer.Ordinal)
    {
        ["元"] = ("元", 1), ["万元"] = ("元", 1e4), ["亿元"] = ("元", 1e8), ["万亿元"] = ("元", 1e12),
        ["人"] = ("人", 1), ["万人"] = ("人", 1e4),
        ["吨"] = ("吨", 1), ["万吨"] = ("吨", 1e4),
        ["万斤"] = ("斤", 1e4), ["亿斤"] = ("斤", 1e8), ["万亿斤"] = ("斤", 1e12),
    };

    /// <summary><paramref name="value"/> in <paramref name="from"/> expressed in <paramref name="to"/>, or null when they do not convert.</summary>
    public static double? Convert(double value, string? from, string? to)
    {
        if (from == to)
        {
            return value;
        }
        if (from is null || to is null || !Known.TryGetValue(from, out var f) || !Known.TryGetValue(to, out var t) || f.Base != t.Base)
        {
            return null;
        }
        return Statistics.Round(value * f.Factor / t.Factor);
    }
}
