using System.Globalization;

namespace ComparisonGrid.Contracts;

/// <summary>The key of a report grain: region code and year, <c>130000/2022</c>.</summary>
public static class ReportKey
{
    public static string For(string regionCode, int year) => string.Create(CultureInfo.InvariantCulture, $"{regionCode}/{year}");
}
