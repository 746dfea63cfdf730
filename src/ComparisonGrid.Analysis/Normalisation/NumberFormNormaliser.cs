using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// Full-width digits, letters, ％ and the decimal point to ASCII, and every range dash between figures
/// (—, ——, –, －, ~, ～, 〜, 至) to '-'; with them the other changes of one character for one, which leave offsets
/// unchanged: radicals standing for ideographs (<see cref="RadicalForms"/>) and line breaks written as escapes
/// (<see cref="EscapedLineBreaks"/>).
/// </summary>
public sealed class NumberFormNormaliser
{
    public MappedText Normalise(MappedText input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text;
        if (text.AsSpan().IndexOfAny(FullWidth) < 0 && RangeMarkFrom(text, 1) < 0 && text.AsSpan().IndexOfAnyInRange(RadicalForms.First, RadicalForms.Last) < 0
            && !EscapedLineBreaks.Any(text))
        {
            return input;
        }
        // Written straight into the new string: a char array first would be one more copy of a large input.
        return input.WithSameLengthText(string.Create(text.Length, text, Convert));
    }

    private static readonly System.Buffers.SearchValues<char> FullWidth =
        System.Buffers.SearchValues.Create("０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％＋");

    private static void Convert(Span<char> chars, string text)
    {
        text.CopyTo(chars);
        NormaliseInPlace(chars);
    }

    /// <summary>The same change on characters not yet in a string, where they are written: no copy of a large text.</summary>
    internal static void NormaliseInPlace(Span<char> chars)
    {
        RadicalForms.NormaliseInPlace(chars);
        EscapedLineBreaks.NormaliseInPlace(chars);
        foreach (ref var c in chars)
        {
            if (FullWidth.Contains(c))
            {
                c = (char)(c - 0xFEE0);
            }
        }
        for (var i = RangeMarkFrom(chars, 1); i >= 0; i = RangeMarkFrom(chars, i + 1))
        {
            if (chars[i] == '．')
            {
                chars[i] = '.';
            }
            else if (chars[i] == '—' && chars[i + 1] == '—')
            {
                // 4.5%——5%: the doubled dash is one range mark; the second becomes a blank the figure reader skips.
                (chars[i], chars[i + 1]) = ('-', ' ');
            }
            else
            {
                chars[i] = '-';
            }
        }
    }

    /// <summary>The first decimal point or range dash between figures from <paramref name="from"/> on; -1 for none.</summary>
    private static int RangeMarkFrom(ReadOnlySpan<char> chars, int from)
    {
        for (var i = Math.Max(from, 1); i < chars.Length - 1; i++)
        {
            var c = chars[i];
            if (c == '．' && char.IsAsciiDigit(chars[i - 1]) && char.IsAsciiDigit(chars[i + 1]))
            {
                return i;
            }
            var afterFigure = char.IsAsciiDigit(chars[i - 1]) || chars[i - 1] == '%';
            if (c is '—' or '–' or '－' or '~' or '～' or '〜' or '至' or '-' && afterFigure && char.IsAsciiDigit(chars[i + 1]))
            {
                return i;
            }
            if (c is '—' && i + 2 < chars.Length && chars[i + 1] == '—' && afterFigure && char.IsAsciiDigit(chars[i + 2]))
            {
                return i;
            }
        }
        return -1;
    }
}
