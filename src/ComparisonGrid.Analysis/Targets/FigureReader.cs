using System.Globalization;
using System.Text.RegularExpressions;
using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>Reads the figures of a clause with their unit and the qualifier that makes them a comparator.</summary>
public sealed partial class FigureReader
{
    // The pattern starts at a digit so the regex engine can skip to digits with a vectorised search;
    // the qualifier in front (不低于5%) is read by looking back instead of by an optional leading group,
    // which made the engine try a match at every common character (不, 高, 达 …).
    [GeneratedRegex(@"(?<!PM|[A-Za-z\d.第])(?<n1>\d+(?:\.\d+)?)\s*(?<u1>%|个百分点|万亿元|亿美元|万美元|美元|亿元|万元|元|万人次|万人|人|万吨|万亿斤|亿斤|万斤|万亩|吨)?(?:\s*-\s*(?<n2>\d+(?:\.\d+)?)\s*(?<u2>%|个百分点|万亿元|亿美元|万美元|美元|亿元|万元|元|万人次|万人|人|万吨|万亿斤|亿斤|万斤|万亩|吨)?)?(?<post>左右|以上|以内|以下|上下)?(?![\d.年月日号届次个家座项件条所倍])")]
    private static partial Regex Pattern();

    private static readonly string[] Qualifiers =
        ["不低于", "不少于", "不超过", "不高于", "超过", "高于", "低于", "控制在", "保持在", "稳定在", "达到", "突破", "力争", "争取"];

    public IReadOnlyList<Figure> Read(string text, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(text);
        var figures = new List<Figure>();
        var m = Pattern().Match(text, from, to - from);
        while (m.Success)
        {
            figures.Add(ToFigure(text, from, m));
            m = m.NextMatch();
        }
        return figures;
    }

    private static Figure ToFigure(string text, int from, Match m)
    {
        var n1 = double.Parse(m.Groups["n1"].ValueSpan, CultureInfo.InvariantCulture);
        var unit = m.Groups["u1"].Success ? m.Groups["u1"].Value : m.Groups["u2"].Success ? m.Groups["u2"].Value : null;
        var (pre, preStart) = QualifierBefore(text, from, m.Index);
        var post = m.Groups["post"].Value;
        // 力争达到10%, 争取控制在3%以内: the stretch word may stand before the qualifier rather than the number.
        var stretch = pre is "力争" or "争取" || (pre is not null && StretchBefore(text, from, preStart));
        if (m.Groups["n2"].Success)
        {
            var n2 = double.Parse(m.Groups["n2"].ValueSpan, CultureInfo.InvariantCulture);
            return new Figure(preStart, m.Index + m.Length, Math.Min(n1, n2), Math.Max(n1, n2), unit, Comparator.Range, true, stretch);
        }
        var comparator = (pre, post) switch
        {
            (_, "左右" or "上下") => Comparator.About,
            (_, "以上") or ("不低于" or "不少于" or "超过" or "高于" or "突破", _) => Comparator.AtLeast,
            (_, "以内" or "以下") or ("不超过" or "不高于" or "低于", _) => Comparator.AtMost,
            _ => Comparator.Exact,
        };
        return new Figure(pre is null ? m.Index : preStart, m.Index + m.Length, n1, n1, unit, comparator,
            post.Length > 0 || comparator != Comparator.Exact, stretch);
    }

    /// <summary>Whether 力争 or 争取 ends right before <paramref name="at"/> (spaces between allowed), not reaching before <paramref name="from"/>.</summary>
    private static bool StretchBefore(string text, int from, int at)
    {
        var end = at;
        while (end > from && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        return end - 2 >= from && text.AsSpan(end - 2, 2) is "力争" or "争取";
    }

    /// <summary>The qualifier word right before a number (spaces between allowed), not reaching before <paramref name="from"/>.</summary>
    private static (string? Word, int Start) QualifierBefore(string text, int from, int number)
    {
        var end = number;
        while (end > from && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        foreach (var word in Qualifiers)
        {
            if (end - word.Length >= from && text.AsSpan(end - word.Length, word.Length).SequenceEqual(word))
            {
                return (word, end - word.Length);
            }
        }
        return (null, number);
    }
}
