using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Splitting;

/// <summary>Recognises lines of scraped page furniture (navigation, font switches, share links, dates alone).</summary>
public sealed class PageChrome
{
    /// <summary>Report lines are paragraphs; furniture is short. A marker in a longer line is report text.</summary>
    public const int MaxChromeLineLength = 100;

    private readonly string[] _markers;

    public PageChrome(string markers) =>
        _markers = [.. DataFile.Rows(markers).Select(r => r[0].Trim()).Where(m => m.Length > 0)];

    public bool IsChrome(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxChromeLineLength)
        {
            return false;
        }
        if (IsPunctuationOnly(trimmed) || IsDateOnly(trimmed))
        {
            return true;
        }
        foreach (var marker in _markers)
        {
            if (trimmed.Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsPunctuationOnly(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (char.IsLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsDateOnly(ReadOnlySpan<char> s)
    {
        // 2025-07-02, 2022-04-12 08:34 — a page's date stamp on its own line.
        if (s.Length < 8 || s.Length > 19 || !char.IsAsciiDigit(s[0]))
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!(char.IsAsciiDigit(c) || c is '-' or '/' or ':' or ' ' or '.'))
            {
                return false;
            }
        }
        return true;
    }
}
