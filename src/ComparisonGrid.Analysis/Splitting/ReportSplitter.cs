using System.Text.RegularExpressions;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Splitting;

/// <summary>
/// Splits an input that holds several reports (a scraped page listing ten, each on one line) at the
/// start of each report, and blanks the page chrome around and between them.
/// </summary>
public sealed partial class ReportSplitter
{
    // A report quotes its own meeting line more than once near its start; a new report is further away.
    private const int SameReportDistance = 3000;
    private const int ShortLine = 60;

    private readonly PageChrome _chrome;

    public ReportSplitter(PageChrome chrome) => _chrome = chrome;

    [GeneratedRegex(@"(?:\d{4}|[一二三四五六七八九〇○零]{4})年?[^\s。，,；;]{0,20}?政府工作报告")]
    private static partial Regex TitleBefore();

    /// <summary>
    /// The reports in <paramref name="text"/>, each built as it is asked for: a body of hundreds of reports holds
    /// one report's blanked copy at a time, not a second copy of the whole input.
    /// </summary>
    public IEnumerable<ReportSegment> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = LineSpans.Of(text);
        return Segments(text, lines, Starts(text, lines));
    }

    /// <summary>
    /// Where each report starts, and whether it is a copy: a report opened by the same meeting (届 and 次) as an
    /// earlier one in the input is that report again (a scraped page holding the article and its print copy), since a
    /// session hears one work report. A copy is left out rather than read as a second report of the same region and year.
    /// </summary>
    private static List<(int Start, bool Copy)> Starts(string text, List<(int Start, int End)> lines)
    {
        var starts = new List<(int Start, bool Copy)> { (0, false) };
        var meetings = new HashSet<string>(StringComparer.Ordinal);
        int? lastAnchor = null;
        foreach (Match m in MeetingLine.Pattern().Matches(text))
        {
            if (m.Index - lastAnchor < SameReportDistance || !OpensReport(text, m))
            {
                continue;
            }
            var copy = !meetings.Add(m.Value);
            if (lastAnchor is int previous)
            {
                starts.Add((ReportStart(text, lines, m.Index, previous), copy));
            }
            lastAnchor = m.Index;
        }
        return starts;
    }

    private IEnumerable<ReportSegment> Segments(string text, List<(int Start, int End)> lines, List<(int Start, bool Copy)> starts)
    {
        for (var k = 0; k < starts.Count; k++)
        {
            var (start, copy) = starts[k];
            var end = k + 1 < starts.Count ? starts[k + 1].Start : text.Length;
            if (start < end && !copy)
            {
                yield return Blank(text, lines, start, end);
            }
        }
    }

    private static bool OpensReport(string text, Match m)
    {
        var after = text.AsSpan(m.Index + m.Length, Math.Min(300, text.Length - m.Index - m.Length));
        var before = text.AsSpan(Math.Max(0, m.Index - 100), Math.Min(100, m.Index));
        return after.Contains("各位代表", StringComparison.Ordinal) || before.Contains("政府工作报告", StringComparison.Ordinal);
    }

    private static int ReportStart(string text, List<(int Start, int End)> lines, int anchor, int previousAnchor)
    {
        var line = FirstLineEndingAfter(lines, anchor - 1);
        if (lines[line].Start > previousAnchor)
        {
            // Walk back over the title and chrome lines that precede the report's first paragraph.
            while (line > 0 && lines[line - 1].End - lines[line - 1].Start <= ShortLine && lines[line - 1].Start > previousAnchor)
            {
                line--;
            }
            return lines[line].Start;
        }
        // Reports run together on one line: start at the title just before the meeting line, or at it.
        var windowStart = Math.Max(previousAnchor + 1, anchor - 80);
        Match? title = null;
        foreach (Match t in TitleBefore().Matches(text[windowStart..anchor]))
        {
            title = t;
        }
        return title is null ? anchor : windowStart + title.Index;
    }

    private ReportSegment Blank(string text, List<(int Start, int End)> lines, int start, int end)
    {
        var chrome = new List<(int Start, int End)>();
        // Lines are in text order: start at the first that reaches into the segment, stop at the first past it.
        for (var k = FirstLineEndingAfter(lines, start); k < lines.Count && lines[k].Start < end; k++)
        {
            var (ls, le) = lines[k];
            if (le <= start)
            {
                continue;
            }
            var s = Math.Max(ls, start);
            var e = Math.Min(le, end);
            if (_chrome.IsChrome(text.AsSpan(s, e - s)) || IsExcerpt(text, s, e, end))
            {
                chrome.Add((s, e));
            }
        }
        if (chrome.Count == 0 && start == 0 && end == text.Length)
        {
            // One report and nothing to blank: the text itself, not a copy of a body that may be tens of megabytes.
            return new ReportSegment(start, end, text, 0);
        }
        var blanked = string.Create(end - start, (text, start, chrome), static (span, state) =>
        {
            var (source, from, lines) = state;
            source.AsSpan(from, span.Length).CopyTo(span);
            foreach (var (s, e) in lines)
            {
                span[(s - from)..(e - from)].Fill(' ');
            }
        });
        return new ReportSegment(start, end, blanked, chrome.Count);
    }

    /// <summary>Characters before an excerpt's ellipsis that must be found again after it.</summary>
    private const int ExcerptTail = 16;

    /// <summary>How far after an excerpt its text is looked for.</summary>
    private const int ExcerptReach = 20_000;

    /// <summary>
    /// A page's abstract of the report (内容摘要, a feed's summary): a line cut off with an ellipsis whose last words
    /// come again, line breaks aside, in the text after it. Left in, its run-in headings (一、…回顾…) would open a
    /// part of the outline that swallows the whole report.
    /// </summary>
    private static bool IsExcerpt(string text, int start, int end, int segmentEnd)
    {
        var line = text.AsSpan(start, end - start).TrimEnd();
        var cut = line.EndsWith("......", StringComparison.Ordinal) ? 6 : line.EndsWith("……", StringComparison.Ordinal) ? 2 : 0;
        if (cut == 0 || line.Length - cut < 2 * ExcerptTail)
        {
            return false;
        }
        var tail = Compact(line[..^cut].TrimEnd('.'));
        if (tail.Length < ExcerptTail)
        {
            return false;
        }
        var after = Compact(text.AsSpan(end, Math.Min(segmentEnd, end + ExcerptReach) - end));
        return after.Contains(tail[^ExcerptTail..], StringComparison.Ordinal);
    }

    private static string Compact(ReadOnlySpan<char> s)
    {
        var kept = new System.Text.StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }

    private static int FirstLineEndingAfter(List<(int Start, int End)> lines, int offset)
    {
        int lo = 0, hi = lines.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (lines[mid].End <= offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
