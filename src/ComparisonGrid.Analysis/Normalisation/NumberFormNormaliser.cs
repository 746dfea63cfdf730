using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// Full-width digits, letters, ％ and the decimal point to ASCII, and every range dash between figures
/// (—, ——, –, －, ~, ～, 〜, 至) to '-'. One character for one, so offsets are unchanged.
/// </summary>
public sealed class NumberFormNormaliser
{
    public MappedText Normalise(MappedText input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var chars = input.Text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= '０' and <= '９' or >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ' or '％' or '＋')
            {
                chars[i] = (char)(c - 0xFEE0);
            }
        }
        for (var i = 1; i < chars.Length - 1; i++)
        {
            var c = chars[i];
            if (c == '．' && char.IsAsciiDigit(chars[i - 1]) && char.IsAsciiDigit(chars[i + 1]))
            {
                chars[i] = '.';
            }
            else if (c is '—' or '–' or '－' or '~' or '～' or '〜' or '至' or '-'
                && (char.IsAsciiDigit(chars[i - 1]) || chars[i - 1] == '%') && char.IsAsciiDigit(chars[i + 1]))
            {
                chars[i] = '-';
            }
            else if (c is '—' && i + 2 < chars.Length && chars[i + 1] == '—' && (char.IsAsciiDigit(chars[i - 1]) || chars[i - 1] == '%') && char.IsAsciiDigit(chars[i + 2]))
            {
                // 4.5%——5%: the doubled dash is one range mark; the second becomes a blank the figure reader skips.
                (chars[i], chars[i + 1]) = ('-', ' ');
            }
        }
        return input.WithSameLengthText(new string(chars));
    }
}
