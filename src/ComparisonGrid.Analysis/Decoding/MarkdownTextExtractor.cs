using System.Text.RegularExpressions;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Decoding;

/// <summary>
/// Reads a report kept as Markdown: the front matter gives title, source, date, year and region as hints and is not
/// report text; heading, emphasis, list and quote markers go while their text stays; comments and images go; links
/// keep their words. Every character kept keeps its offset in the file, so quotes point into the file as given.
/// </summary>
public sealed partial class MarkdownTextExtractor
{
    private static readonly string[] TitleKeys = ["title", "标题", "name"];
    private static readonly string[] SourceKeys = ["source", "url", "link", "来源", "链接", "source_url"];
    private static readonly string[] DateKeys = ["date", "publish_date", "published", "发布日期", "日期"];
    private static readonly string[] YearKeys = ["year", "年份", "年度"];
    private static readonly string[] RegionKeys = ["region", "地区", "region_code", "code", "province", "city"];

    // Three or more lines that are headings or wholly bold, or a front-matter block, mark a Markdown report kept
    // under any name (.txt included); stripping the markers from plain text would change nothing.
    private const int MinMarkedLines = 3;

    [GeneratedRegex(@"^(?:---|\+\+\+)[ \t]*\r?\n(?:[^\n]*\n){0,40}?[ \t]*[\w\u4E00-\u9FFF-]+[ \t]*:")]
    private static partial Regex FrontMatterStart();

    [GeneratedRegex(@"^[ \t]{0,3}(?:#{1,6}[ \t]+\S|\*\*[^*\n]+\*\*[ \t]*$|__[^_\n]+__[ \t]*$)", RegexOptions.Multiline)]
    private static partial Regex MarkedLine();

    [GeneratedRegex(@"^[ \t]*(?:[-*_][ \t]*){3,}$|^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")]
    private static partial Regex RuleOrTableSeparator();

    [GeneratedRegex(@"^[ \t]{0,3}(?:#{1,6}[ \t]+|(?:>[ \t]?)+|[-*+][ \t]+(?!\*)|\d{1,3}\.[ \t]+(?=\S))")]
    private static partial Regex LineMarker();

    [GeneratedRegex(@"!\[[^\]\n]*\]\([^)\n]*\)|<!--.*?-->|<!--.*$|\]\([^)\n]*\)|\*+|~~|__|\\(?=[\\`*_{}\[\]()#+\-.!|])|<(?:/?[A-Za-z][A-Za-z0-9]*)(?:[^>\n]*)>|(?<=\S)[ \t]*#+[ \t]*$|\[(?=[^\]\n]*\]\()|\|")]
    private static partial Regex InlineMarker();

    /// <summary>How much of a text the sniffing reads: the front matter and the first headings stand near its start.</summary>
    private const int SniffCharacters = 20_000;

    /// <summary>How far a front-matter block may run before its first key.</summary>
    private const int FrontMatterCharacters = 4_000;

    public static bool LooksLikeMarkdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var head = text.AsSpan(0, Math.Min(text.Length, SniffCharacters));
        return FrontMatterStart().IsMatch(head.TrimStart('\uFEFF')) || MarkedLine().Count(head) >= MinMarkedLines;
    }

    private static bool OpensWithFrontMatter(ReadOnlySpan<char> text) =>
        FrontMatterStart().IsMatch(text[..Math.Min(text.Length, FrontMatterCharacters)]);

    public MarkdownText Extract(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var b = new MappedTextBuilder(markdown.Length);
        var position = markdown.Length > 0 && markdown[0] == '\uFEFF' ? 1 : 0;
        var hints = ReportHints.None;
        if (OpensWithFrontMatter(markdown.AsSpan(position)))
        {
            (hints, position) = FrontMatter(markdown, position);
        }
        var inComment = false;
        var inFence = false;
        while (position < markdown.Length)
        {
            var end = markdown.IndexOf('\n', position);
            var lineEnd = end < 0 ? markdown.Length : end;
            var contentEnd = lineEnd > position && markdown[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            var line = markdown[position..contentEnd];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (inComment)
            {
                var close = line.IndexOf("-->", StringComparison.Ordinal);
                if (close >= 0)
                {
                    inComment = false;
                    AppendLine(b, markdown, position + close + 3, contentEnd, ref inComment);
                }
            }
            else if (inFence)
            {
                b.AppendSource(markdown, position, contentEnd);
            }
            else if (!RuleOrTableSeparator().IsMatch(line))
            {
                var marker = LineMarker().Match(line);
                AppendLine(b, markdown, position + (marker.Success ? marker.Length : 0), contentEnd, ref inComment);
            }
            if (end < 0)
            {
                break;
            }
            b.Append('\n', end, end + 1);
            position = end + 1;
        }
        return new MarkdownText(b.Build(), hints);
    }

    /// <summary>Source characters [from, to) without inline markers; an unclosed comment runs on to later lines.</summary>
    private static void AppendLine(MappedTextBuilder b, string markdown, int from, int to, ref bool inComment)
    {
        var line = markdown[from..to];
        var kept = 0;
        foreach (Match m in InlineMarker().Matches(line))
        {
            b.AppendSource(markdown, from + kept, from + m.Index);
            if (m.Value == "|")
            {
                b.Append(' ', from + m.Index, from + m.Index + 1);
            }
            if (m.Value.StartsWith("<!--", StringComparison.Ordinal) && !m.Value.EndsWith("-->", StringComparison.Ordinal))
            {
                inComment = true;
            }
            kept = m.Index + m.Length;
        }
        b.AppendSource(markdown, from + kept, to);
    }

    private static (ReportHints Hints, int End) FrontMatter(string markdown, int start)
    {
        var fence = markdown.Substring(start, 3);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = markdown.IndexOf('\n', start) + 1;
        while (position > 0 && position < markdown.Length)
        {
            var end = markdown.IndexOf('\n', position);
            var line = markdown[position..(end < 0 ? markdown.Length : end)].TrimEnd('\r');
            position = end < 0 ? markdown.Length : end + 1;
            if (line.Trim() == fence || line.Trim() == "...")
            {
                break;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !char.IsWhiteSpace(line[0]))
            {
                var value = line[(colon + 1)..].Trim().Trim('"', '\'');
                if (value.Length > 0)
                {
                    values.TryAdd(line[..colon].Trim(), value);
                }
            }
        }
        // Front matter is bounded as corpus hints are: a hint too long to be one is left out, the text still read.
        string? Value(string[] keys) => keys.Select(k => values.GetValueOrDefault(k)).FirstOrDefault(v => v is not null) is { } v && v.Length <= CorpusColumns.MaxHintCharacters ? v : null;
        var hints = new ReportHints(
            Title: Value(TitleKeys),
            Year: int.TryParse(Value(YearKeys)?.TrimEnd('年'), out var y) && y is > 1949 and < 2200 ? y : null,
            Region: Value(RegionKeys),
            Url: Value(SourceKeys),
            PublishDate: Value(DateKeys));
        return (hints, position);
    }
}
