using System.Text.RegularExpressions;
using ComparisonGrid.Analysis.Metadata;
using ComparisonGrid.Analysis.Text;
using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Sections;

/// <summary>
/// Builds the outline tree of a report from its numbered headings (一、 / （一） / 1. / 一是), also when the
/// whole report is one line. A heading must open a line or follow a sentence end, and must continue its
/// list (二 after 一): that is what separates headings from enumerations inside sentences (统 一、政策).
/// </summary>
public sealed partial class SectionParser
{
    private const int MaxTitle = 50;

    private static readonly string[] TitleEndings =
        ["工作回顾", "政府自身建设", "自身建设", "工作安排", "总体要求", "主要任务", "重点任务", "重点工作", "主要工作", "工作任务", "目标任务", "主要目标", "奋斗目标", "总体安排", "满意政府"];

    private readonly SectionKindRules _kinds;

    public SectionParser(SectionKindRules kinds) => _kinds = kinds;

    // Anchored (\G) and tried only where a line or a sentence starts: a heading can stand nowhere else, and trying at
    // every digit and numeral of a report cost a sixth of its parse.
    [GeneratedRegex(@"\G(?:(?<a>[一二三四五六七八九十]{1,3})、|[（(](?<b>[一二三四五六七八九十]{1,3})[）)]|(?<c>\d{1,2})[\.、．](?!\d)|[（(](?<c>\d{1,2})[）)]|(?<d>[一二三四五六七八九十]{1,2})是(?=[\u4E00-\u9FFF“]))")]
    private static partial Regex Mark();

    public IReadOnlyList<HeadingCandidate> FindCandidates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<HeadingCandidate>();
        for (var at = SkipBlanks(text, 0); at < text.Length; at = NextOpening(text, at))
        {
            var m = Mark().Match(text, at);
            if (!m.Success)
            {
                continue;
            }
            var (style, digits) = m.Groups["a"].Success ? (HeadingStyle.ChineseComma, m.Groups["a"].Value)
                : m.Groups["b"].Success ? (HeadingStyle.ChineseParenthesised, m.Groups["b"].Value)
                : m.Groups["c"].Success ? (HeadingStyle.Arabic, m.Groups["c"].Value)
                : (HeadingStyle.Ordinal, m.Groups["d"].Value);
            if (ChineseNumerals.Parse(digits) is int n && n > 0)
            {
                list.Add(new HeadingCandidate(m.Index, m.Index + m.Length, style, n, m.Value));
            }
        }
        return list;
    }

    /// <summary>Unnumbered part titles a report must hold at least of to be read by them: a review and a plan.</summary>
    private const int MinUnnumberedParts = 2;

    private static readonly System.Buffers.SearchValues<char> SentencePunctuation = System.Buffers.SearchValues.Create("。，,；;：:");

    /// <summary>The longest line read as an unnumbered part title (2020年经济社会发展的主要目标和重点任务).</summary>
    private const int MaxUnnumberedTitle = 30;

    /// <summary>
    /// Part titles standing alone on their line without a number (2019年工作回顾, 2020年工作目标和主要任务, 全面加强政府
    /// 自身建设), as a report copied without its list numbering has them: a short line that ends as part titles end and
    /// reads as a top-level part. They are taken as the 一、二、三 the copy lost, in order, only by a report with no 一、.
    /// </summary>
    private List<HeadingCandidate> UnnumberedParts(string text)
    {
        var parts = new List<HeadingCandidate>();
        foreach (var (lineStart, lineEnd) in LineSpans.Of(text))
        {
            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            var trimmed = line.Trim().ToString();
            if (trimmed.Length is >= 4 and <= MaxUnnumberedTitle && trimmed.AsSpan().IndexOfAny(SentencePunctuation) < 0
                && TitleEndings.Any(e => trimmed.EndsWith(e, StringComparison.Ordinal))
                && _kinds.Classify(trimmed) is SectionKind.Review or SectionKind.Plan or SectionKind.SelfBuilding or SectionKind.Targets)
            {
                var start = lineStart + (line.Length - line.TrimStart().Length);
                parts.Add(new HeadingCandidate(start, start, HeadingStyle.ChineseComma, parts.Count + 1, ""));
            }
        }
        return parts;
    }

    private static readonly System.Buffers.SearchValues<char> SentenceEnds = System.Buffers.SearchValues.Create("\n。！？!?：:；;");

    /// <summary>
    /// Where the next heading may start after <paramref name="at"/>: past the next line or sentence end and the blanks
    /// after it (统 一、政策 is inside a sentence); the text's length when there is none.
    /// </summary>
    private static int NextOpening(string text, int at)
    {
        var end = text.AsSpan(at).IndexOfAny(SentenceEnds);
        if (end < 0)
        {
            return text.Length;
        }
        return SkipBlanks(text, at + end + 1);
    }

    private static int SkipBlanks(string text, int i)
    {
        while (i < text.Length && text[i] != '\n' && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        return i;
    }

    /// <summary>The outline of <paramref name="text"/>; offsets are positions in it.</summary>
    /// <param name="reportYear">
    /// The year the report plans for, when known: a part titled with the year before alone (2023年主要工作 in a report
    /// for 2024) reports on that year, so it is the review whatever else its title says.
    /// </param>
    public IReadOnlyList<Section> Parse(string text, int? reportYear = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var accepted = new List<(HeadingCandidate H, int Level, string Title)>();
        var stack = new List<(HeadingStyle Style, int Number)>();
        var candidates = FindCandidates(text);
        if (!candidates.Any(c => c.Style == HeadingStyle.ChineseComma) && UnnumberedParts(text) is { Count: >= MinUnnumberedParts } parts)
        {
            candidates = [.. candidates.Concat(parts).OrderBy(c => c.Start)];
        }
        var running = InRunningText(text, candidates);
        foreach (var h in candidates)
        {
            var title = Title(text, h.TitleStart, running.Contains(h.Start) || h.Style == HeadingStyle.Ordinal);
            var topLevelTitle = _kinds.Classify(title) is not (SectionKind.Other or SectionKind.Plan);
            var level = Place(stack, h, accepted.Count == 0, topLevelTitle);
            if (level > 0)
            {
                accepted.Add((h, level, title));
            }
        }
        return Build(text, accepted, reportYear);
    }

    /// <summary>Puts the heading on the stack of open lists; returns its level, or 0 when it is not a heading.</summary>
    /// <param name="topLevelTitle">The title reads like a top-level part (review, self-building): when both a nested
    /// list and the outer one could continue with this number, it continues the outer one.</param>
    private static int Place(List<(HeadingStyle Style, int Number)> stack, HeadingCandidate h, bool first, bool topLevelTitle)
    {
        var continues = Enumerable.Range(0, stack.Count)
            .Where(k => stack[k].Style == h.Style && stack[k].Number + 1 == h.Number)
            .ToList();
        if (continues.Count > 0)
        {
            var k = topLevelTitle ? continues[0] : continues[^1];
            stack.RemoveRange(k, stack.Count - k);
            stack.Add((h.Style, h.Number));
            return stack.Count;
        }
        var open = stack.FindLastIndex(e => e.Style == h.Style);
        if (h.Number == 1)
        {
            if (open >= 0 && h.Style is HeadingStyle.Arabic or HeadingStyle.Ordinal)
            {
                // Point lists restart in every paragraph: a new list beside the old one.
                stack.RemoveRange(open, stack.Count - open);
            }
            // 一、 restarting inside a 一、 list is a list nested in the current section (the plan's tasks).
            stack.Add((h.Style, 1));
            return stack.Count;
        }
        if (open < 0 && (first || stack.All(e => e.Style >= h.Style)))
        {
            // A report that starts mid-way (a newspaper continuation) opens at (四); an outer list may appear later at 二、.
            var keep = stack.FindIndex(e => e.Style >= h.Style);
            if (keep >= 0)
            {
                stack.RemoveRange(keep, stack.Count - keep);
            }
            stack.Add((h.Style, h.Number));
            return stack.Count;
        }
        return 0;
    }

    private List<Section> Build(string text, List<(HeadingCandidate H, int Level, string Title)> headings, int? reportYear)
    {
        var flat = new List<(int Level, int Start, int End, string Number, string Title)>();
        for (var i = 0; i < headings.Count; i++)
        {
            var (h, level, title) = headings[i];
            var end = text.Length;
            for (var j = i + 1; j < headings.Count; j++)
            {
                if (headings[j].Level <= level)
                {
                    end = headings[j].H.Start;
                    break;
                }
            }
            var number = h.Mark.Trim('（', '(', '）', ')', '、', '.', '．', '是');
            flat.Add((level, h.Start, end, number, title));
        }
        var index = 0;
        var top = Children(text, flat, ref index, 1, SectionKind.Other);
        if (reportYear is int year)
        {
            top = [.. top.Select(s => s.Kind is SectionKind.Plan or SectionKind.Targets or SectionKind.Other && OfYearBefore(s.Title, year) ? WithKind(s, SectionKind.Review) : s)];
        }
        // 2022年主要目标和重点工作 with its numbered tasks, in a report with no plan section of its own, is the plan.
        if (!top.Any(s => s.Kind == SectionKind.Plan)
            && top.Where(s => s.Kind == SectionKind.Targets && s.Children.Count >= SectionKindRules.PlanChildren).MaxBy(s => s.End - s.Start) is { } plan)
        {
            top[top.IndexOf(plan)] = WithKind(plan, SectionKind.Plan);
        }
        return top;
    }

    private List<Section> Children(string text, List<(int Level, int Start, int End, string Number, string Title)> flat, ref int index, int level, SectionKind inherited)
    {
        var result = new List<Section>();
        while (index < flat.Count && flat[index].Level >= level)
        {
            var (l, start, end, number, title) = flat[index];
            if (l > level)
            {
                // A deeper heading with no parent at this level (a partial report): adopt it at this level.
                flat[index] = (level, start, end, number, title);
                continue;
            }
            index++;
            var kind = level == 1 ? _kinds.Classify(title) : inherited;
            var children = Children(text, flat, ref index, level + 1, kind);
            if (level == 1 && _kinds.Refine(kind, title, text, start, end) is var refined && refined != kind)
            {
                kind = refined;
                children = [.. children.Select(c => WithKind(c, refined))];
            }
            result.Add(new Section(number, title, kind, level, start, end, children));
        }
        return result;
    }

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d\d)年")]
    private static partial Regex TitleYear();

    /// <summary>The title names the year before <paramref name="year"/> and no other year.</summary>
    private static bool OfYearBefore(string title, int year)
    {
        var years = TitleYear().Matches(title).Select(m => int.Parse(m.Groups["y"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        return years.Count == 1 && years[0] == year - 1;
    }

    private static Section WithKind(Section s, SectionKind kind) => s with { Kind = kind, Children = [.. s.Children.Select(c => WithKind(c, kind))] };

    /// <summary>Headings that share their line with another heading: the report runs on in one line, titles included.</summary>
    private static HashSet<int> InRunningText(string text, IReadOnlyList<HeadingCandidate> candidates)
    {
        var newlines = new List<int>();
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            newlines.Add(i);
        }
        var byLine = candidates.GroupBy(h => newlines.BinarySearch(h.Start) is var k && k < 0 ? ~k : k);
        return [.. byLine.Where(g => g.Count() > 1).SelectMany(g => g.Select(h => h.Start))];
    }

    private static int FirstBlank(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static string Title(string text, int from, bool inRunningText)
    {
        var lineEnd = text.IndexOf('\n', from);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }
        if (!inRunningText && lineEnd - from <= MaxTitle)
        {
            return text[from..lineEnd].Trim();
        }
        var limit = Math.Min(lineEnd, from + MaxTitle);
        var window = text[from..limit].TrimStart();
        if (inRunningText && FirstBlank(window) is var blank and > 1)
        {
            // One-line reports set the title off by blanks (一、2020年工作回顾   过去一年是…).
            window = window[..blank];
        }
        var cut = window.IndexOfAny(['。', '；', ';', '：', ':', '！']);
        var title = cut >= 0 ? window[..cut] : window;
        if (cut < 0 && window.IndexOfAny([',', '，']) is var comma and > 0)
        {
            title = window[..comma];
        }
        // In running text the next paragraph follows the title directly: end at the title's last keyword.
        var cutAt = TitleEndings
            .Select(e => (At: title.LastIndexOf(e, StringComparison.Ordinal), e.Length))
            .Where(x => x.At >= 0)
            .Select(x => x.At + x.Length)
            .DefaultIfEmpty(title.Length)
            .Max();
        return title[..cutAt].Trim();
    }
}
