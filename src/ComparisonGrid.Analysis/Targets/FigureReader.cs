using System.Globalization;
using System.Text.RegularExpressions;
using ComparisonGrid.Analysis.Model;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>Reads the figures of a clause with their unit and the qualifier that makes them a comparator.</summary>
public sealed partial class FigureReader
{
    [GeneratedRegex(@"(?<pre>不低于|不少于|不超过|不高于|超过|高于|低于|控制在|保持在|稳定在|达到|突破|力争|争取)?\s*(?<!PM|[A-Za-z\d.])(?<n1>\d+(?:\.\d+)?)\s*(?<u1>%|个百分点|万亿元|亿元|万元|元|万人次|万人|人|万吨|万亿斤|亿斤|万斤|万亩|吨)?(?:\s*-\s*(?<n2>\d+(?:\.\d+)?)\s*(?<u2>%|个百分点|万亿元|亿元|万元|元|万人次|万人|人|万吨|万亿斤|亿斤|万斤|万亩|吨)?)?(?<post>左右|以上|以内|以下|上下)?(?![\d.年月日号届次个家座项件条所倍])")]
    private static partial Regex Pattern();

    public IReadOnlyList<Figure> Read(string text, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(text);
        var figures = new List<Figure>();
        var m = Pattern().Match(text, from, to - from);
        while (m.Success)
        {
            figures.Add(ToFigure(m));
            m = m.NextMatch();
        }
        return figures;
    }

    private static Figure ToFigure(Match m)
    {
        var n1 = double.Parse(m.Groups["n1"].ValueSpan, CultureInfo.InvariantCulture);
        var unit = m.Groups["u1"].Success ? m.Groups["u1"].Value : m.Groups["u2"].Success ? m.Groups["u2"].Value : null;
        var pre = m.Groups["pre"].Value;
        var post = m.Groups["post"].Value;
        if (m.Groups["n2"].Success)
        {
            var n2 = double.Parse(m.Groups["n2"].ValueSpan, CultureInfo.InvariantCulture);
            return new Figure(m.Index, m.Index + m.Length, Math.Min(n1, n2), Math.Max(n1, n2), unit, Comparator.Range, true, pre is "力争" or "争取");
        }
        var comparator = (pre, post) switch
        {
            (_, "左右" or "上下") => Comparator.About,
            (_, "以上") or ("不低于" or "不少于" or "超过" or "高于" or "突破", _) => Comparator.AtLeast,
            (_, "以内" or "以下") or ("不超过" or "不高于" or "低于", _) => Comparator.AtMost,
            _ => Comparator.Exact,
        };
        var start = m.Groups["pre"].Success ? m.Groups["pre"].Index : m.Groups["n1"].Index;
        return new Figure(start, m.Index + m.Length, n1, n1, unit, comparator, post.Length > 0 || comparator != Comparator.Exact, pre is "力争" or "争取");
    }
}
