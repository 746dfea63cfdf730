namespace ComparisonGrid.Analysis.Metadata;

/// <summary>Chinese numerals as reports write them: 二〇一九 (digit by digit), 十二, 二十三, 一百零五.</summary>
public static class ChineseNumerals
{
    private const string Digits = "〇一二三四五六七八九";

    public static int? Parse(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        if (s.IsEmpty)
        {
            return null;
        }
        if (int.TryParse(s, out var arabic))
        {
            return arabic;
        }
        if (!s.ContainsAny("十百千") && s.Length > 1)
        {
            // Year style: each character one digit.
            var value = 0;
            foreach (var c in s)
            {
                var d = Digit(c);
                if (d < 0)
                {
                    return null;
                }
                value = value * 10 + d;
            }
            return value;
        }
        var total = 0;
        var current = 0;
        foreach (var c in s)
        {
            var d = Digit(c);
            if (d >= 0)
            {
                current = d;
                continue;
            }
            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => -1 };
            if (unit < 0)
            {
                return null;
            }
            total += (current == 0 ? 1 : current) * unit;
            current = 0;
        }
        return total + current;
    }

    private static int Digit(char c) => c switch
    {
        '零' or '○' or 'O' => 0,
        >= '0' and <= '9' => c - '0',
        _ => Digits.IndexOf(c, StringComparison.Ordinal),
    };
}
