using System.Text.RegularExpressions;
using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>
/// The year's quantified targets: read from the passage that announces them (主要预期目标是: …) and the
/// sentences that carry on with figures, including a following 奋斗目标 / 力争 sentence (marked stretch).
/// Passages inside the review, and five-year goals (年均, 到2026年), are not the year's targets.
/// </summary>
public sealed partial class TargetExtractor
{
    private const int FiveYearWindow = 40;

    /// <summary>Sentences in a row without a readable figure that a passage may hold before it is taken to have ended.</summary>
    private const int MaxGapSentences = 2;

    /// <summary>Targets a passage in the review must repeat to count as a copy of the targets passage.</summary>
    private const int MinRepeat = 2;

    /// <summary>How far before a trigger its subject may start (城镇居民人均可支配收入增长的预期目标).</summary>
    private const int SubjectWindow = 16;

    private static readonly System.Buffers.SearchValues<char> Blank = System.Buffers.SearchValues.Create(" \t\r\n\u3000：:，,。");

    private readonly IndicatorClauseReader _clauses;

    public TargetExtractor(IndicatorClauseReader clauses) => _clauses = clauses;

    // Besides 主要预期目标是 and its kin (总体目标, 发展目标, 调控目标, 奋斗目标 as older and county reports name their only
    // targets): 预期目标和约束性指标是; a group heading (预期性指标：); and 预期 right before the
    // year (综合考虑…，预期今年地区生产总值增长6%), which opens a target sentence without naming targets at all.
    [GeneratedRegex(@"(?:主要|全年|今年)?(?:经济社会发展的?)?(?:主要)?(?:预期(?:性)?目标|预期指标|主要目标|主要指标|总体目标|奋斗目标|调控目标|发展目标)(?:和约束性?指标)?(?:任务)?(?:安排)?(?:建议)?(?:是|(?:确定|设定|拟定|定)?为|如下|[:：])|(?:预期性|约束性|调控性|指导性)指标(?:是|为|有|[:：])|预期(?=(?:今年|全年|明年|20\d\d年)(?:全[省市区县州旗盟]|全国)?(?:地区|国内)?生产总值)")]
    private static partial Regex Trigger();

    // A group heading inside a target list: the targets after it, to the next one, are of its kind.
    [GeneratedRegex(@"(?<kind>预期性|约束性|调控性|指导性)指标")]
    private static partial Regex GroupHeading();

    // A paragraph that opens with a list mark or a heading number is a new item or part; a target list written one
    // target a line (——地区生产总值增长6%左右；) goes on past such marks, a passage in running text does not need them.
    [GeneratedRegex(@"^[\s\u3000]*(?:——|—|-|•|·|●|\*|[（(]?\d{1,2}[)）.、]|[（(][一二三四五六七八九十]{1,3}[)）])")]
    private static partial Regex ListMark();

    [GeneratedRegex(@"年均|每年|到20\d\d年|20\d\d年前|五年后|十四五|十五五|期末")]
    private static partial Regex MultiYear();

    [GeneratedRegex(@"奋斗目标|力争")]
    private static partial Regex StretchSentence();

    /// <param name="isReview">Tells whether a position lies in the review part of the report.</param>
    public IReadOnlyList<Target> Extract(string text, Func<int, bool> isReview) => Read(text, isReview).Targets;

    /// <param name="isReview">Tells whether a position lies in the review part of the report.</param>
    public TargetExtraction Read(string text, Func<int, bool> isReview)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(isReview);
        var targets = new List<Target>();
        var unreadable = new List<int>();
        var seen = new HashSet<(string, bool)>();
        var passages = new List<(int Start, int End)>();
        foreach (Match trigger in Trigger().Matches(text))
        {
            var zoneStart = trigger.Index + trigger.Length;
            if (IsMultiYear(text, zoneStart) || FiveYearLead(text, trigger.Index))
            {
                continue;
            }
            // 国内生产总值增长的预期目标为7%左右: the indicator stands right before the trigger and opens the passage.
            var passageStart = _clauses.SubjectBefore(text, Math.Max(0, trigger.Index - SubjectWindow), trigger.Index) ?? zoneStart;
            var statements = Passage(text, passageStart).ToList();
            if (isReview(trigger.Index))
            {
                // Only a repeat of the targets already read (a report whose text comes twice) is a passage here; its
                // figures are then kept out of last year's results. Any other review sentence stays a result.
                if (statements.Count(st => targets.Any(t => t.Indicator == st.Indicator && t.Low == st.Low && t.High == st.High)) >= MinRepeat)
                {
                    passages.Add((Math.Min(passageStart, trigger.Index), statements.Max(st => st.End)));
                }
                continue;
            }
            if (statements.Count == 0)
            {
                unreadable.Add(trigger.Index);
                continue;
            }
            passages.Add((Math.Min(passageStart, trigger.Index), statements.Max(st => st.End)));
            // The first passage of a report states each target once; a repeat is a later mention.
            targets.AddRange(statements.Where(st => seen.Add((st.Indicator, st.Stretch))));
        }
        // 力争 marks a stretch beside the expected figure; a 力争 figure that is its indicator's only one is the target.
        var expected = targets.Where(t => !t.Stretch).Select(t => t.Indicator).ToHashSet(StringComparer.Ordinal);
        var read = targets.Select(t => t.Stretch && !expected.Contains(t.Indicator) ? t with { Stretch = false } : t).ToList();
        return new TargetExtraction(read, read.Count == 0 ? unreadable : [], passages);
    }

    /// <summary>
    /// The statements of the passage after a trigger, sentence by sentence. A sentence with no readable figure does
    /// not end the passage while it still talks about indicators or figures (城镇化率提高1.5个百分点, 固定资产投资实现正增长):
    /// target lists mix quantified and qualitative slots. The passage ends at a sentence that names neither, such as
    /// 为实现上述目标，… . It runs on past the end of its paragraph while the next paragraph opens with a target: a
    /// trigger standing alone on its line, a list of one target a line, blank lines or indents between them.
    /// </summary>
    private IEnumerable<Target> Passage(string text, int zoneStart)
    {
        var gap = 0;
        string? group = null;
        var read = 0;
        var from = zoneStart;
        while (from < text.Length)
        {
            var paragraphEnd = text.IndexOf('\n', from) is var nl and >= 0 ? nl : text.Length;
            var first = true;
            foreach (var (start, end) in Sentences.In(text, from, paragraphEnd))
            {
                if (!text.AsSpan(start, end - start).ContainsAnyExcept(Blank))
                {
                    // What is left of the trigger's line (：) is nothing to read.
                    continue;
                }
                var statements = _clauses.Read(text, start, end);
                if (first && from > zoneStart && statements.Count == 0 && !GroupHeading().IsMatch(text.AsSpan(start, end - start)))
                {
                    // The next paragraph does not go on with targets: the passage ended with the last one.
                    yield break;
                }
                first = false;
                var heading = Group(text, start, statements.Count > 0 ? statements.Min(st => st.Start) : end);
                group = heading ?? group;
                if (statements.Count == 0 && heading is not null)
                {
                    continue;
                }
                if (statements.Count == 0)
                {
                    if (++gap > MaxGapSentences || !_clauses.TalksAboutIndicators(text, start, end))
                    {
                        yield break;
                    }
                    continue;
                }
                gap = 0;
                read += statements.Count;
                // 奋斗目标：… / 力争… ahead of the figures makes the whole sentence a stretch goal.
                var stretchSentence = StretchSentence().Match(text, start, end - start) is { Success: true } s
                    && s.Index < statements.Min(st => st.Start);
                foreach (var st in statements)
                {
                    var stated = st.Stretch || !stretchSentence ? st : st with { Stretch = true };
                    yield return group is null ? stated : stated with { Group = group };
                }
            }
            from = NextParagraph(text, paragraphEnd);
            if (from < 0 || (read > 0 && !ContinuesList(text, from)))
            {
                yield break;
            }
        }
    }

    /// <summary>Where the next paragraph with text starts after a line break; -1 at the end of the text.</summary>
    private static int NextParagraph(string text, int lineBreak)
    {
        for (var i = lineBreak + 1; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// A passage that has read targets goes on into the next paragraph when that one is an item of a list (——, 1.,
    /// （一）) or a group heading (约束性指标：), or names an indicator with a figure at once.
    /// </summary>
    private bool ContinuesList(string text, int paragraphStart)
    {
        var end = text.IndexOf('\n', paragraphStart) is var nl and >= 0 ? nl : text.Length;
        if (ListMark().IsMatch(text.AsSpan(paragraphStart, Math.Min(8, end - paragraphStart)))
            || GroupHeading().IsMatch(text.AsSpan(paragraphStart, Math.Min(12, end - paragraphStart))))
        {
            return true;
        }
        var (start, sentenceEnd) = Sentences.In(text, paragraphStart, end).FirstOrDefault();
        return sentenceEnd > start && _clauses.Read(text, start, sentenceEnd).Count > 0;
    }

    private static string? Group(string text, int from, int to)
    {
        string? group = null;
        foreach (Match m in GroupHeading().Matches(text[from..to]))
        {
            group = m.Groups["kind"].Value switch
            {
                "预期性" => "expected",
                "约束性" => "binding",
                _ => "regulatory",
            };
        }
        return group;
    }

    /// <summary>Whether a span speaks of a period of years (年均, 到2027年, 十四五): a five-year goal, not the year's.</summary>
    internal static bool MultiYearIn(ReadOnlySpan<char> span) => MultiYear().IsMatch(span);

    /// <summary>
    /// The sentence names a span of years before its trigger (今后五年…发展目标是, “十四五”时期的主要目标是): the passage
    /// sets goals for the period, not for the year.
    /// </summary>
    private static bool FiveYearLead(string text, int trigger)
    {
        var from = Math.Max(0, trigger - FiveYearWindow);
        var lead = text.AsSpan(from, trigger - from);
        var sentenceStart = lead.LastIndexOfAny('。', '\n', '！');
        return FiveYearPeriod().IsMatch(sentenceStart < 0 ? lead : lead[(sentenceStart + 1)..]);
    }

    // 十四五 alone is no period: 今年是“十四五”开局之年 opens many an annual target sentence.
    [GeneratedRegex(@"今后五年|未来五年|五年内|今后一个时期|十[一二三四五]五”?(?:时期|期间|期末|末)|到20\d\d年|20\d\d年前")]
    private static partial Regex FiveYearPeriod();

    private static bool IsMultiYear(string text, int zoneStart)
    {
        var window = Math.Min(FiveYearWindow, text.Length - zoneStart);
        return MultiYear().IsMatch(text.AsSpan(zoneStart, window));
    }
}
