namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// Line breaks written out as escapes (the characters \r\n, \n), as a spreadsheet cell read by some XML tools or a
/// JSON string copied as text carries them: a report whose paragraphs are joined by them has no outline. Each escape
/// becomes blanks and one real line break of the same length, so offsets are unchanged.
/// </summary>
internal static class EscapedLineBreaks
{
    // A text with a few escapes may quote code; one whose paragraphs are joined by them has dozens.
    private const int MinEscapes = 3;

    public static bool Any(ReadOnlySpan<char> chars) => Count(chars, MinEscapes) >= MinEscapes;

    public static void NormaliseInPlace(Span<char> chars)
    {
        if (!Any(chars))
        {
            return;
        }
        for (var i = chars.IndexOf('\\'); i >= 0 && i < chars.Length - 1; i = Next(chars, i + 1))
        {
            if (chars[i + 1] == 'n')
            {
                (chars[i], chars[i + 1]) = (' ', '\n');
            }
            else if (chars[i + 1] == 'r')
            {
                (chars[i], chars[i + 1]) = (' ', ' ');
            }
        }
    }

    private static int Count(ReadOnlySpan<char> chars, int enough)
    {
        var count = 0;
        for (var i = chars.IndexOf("\\n"); i >= 0 && count < enough; i = chars[(i + 2)..].IndexOf("\\n") is var at and >= 0 ? i + 2 + at : -1)
        {
            count++;
        }
        return count;
    }

    private static int Next(Span<char> chars, int from) =>
        from >= chars.Length ? -1 : chars[from..].IndexOf('\\') is var at and >= 0 ? from + at : -1;
}
