using System.Globalization;

namespace ComparisonGrid.Contracts;

/// <summary>The key of a report grain: region code and year, <c>130000/2022</c>.</summary>
public static class ReportKey
{
    public static string For(string regionCode, int year) => string.Create(CultureInfo.InvariantCulture, $"{regionCode}/{year}");

    /// <summary>The region code and year a key stands for; false for anything that is not a report key.</summary>
    public static bool TryParse(string key, out string regionCode, out int year)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.LastIndexOf('/');
        regionCode = slash > 0 ? key[..slash] : "";
        year = 0;
        return slash > 0 && int.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out year);
    }
}
