using System.Text.RegularExpressions;

namespace ComparisonGrid.Analysis.Metadata;

/// <summary>Dates as written in reports: 2022年2月20日 or 二〇一九年一月九日.</summary>
public static partial class ReportDate
{
    [GeneratedRegex(@"(?<y>\d{4}|[〇○零一二三四五六七八九]{4})年(?<m>\d{1,2}|[一二三四五六七八九十]{1,3})月(?<d>\d{1,2}|[一二三四五六七八九十]{1,3})日")]
    public static partial Regex Pattern();

    public static DateOnly? FromMatch(Match m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var y = ChineseNumerals.Parse(m.Groups["y"].ValueSpan);
        var mo = ChineseNumerals.Parse(m.Groups["m"].ValueSpan);
        var d = ChineseNumerals.Parse(m.Groups["d"].ValueSpan);
        if (y is null or < 1949 or > 2200 || mo is null or < 1 or > 12 || d is null or < 1 || d > DateTime.DaysInMonth(y.Value, mo.Value))
        {
            return null;
        }
        return new DateOnly(y.Value, mo.Value, d.Value);
    }
}
