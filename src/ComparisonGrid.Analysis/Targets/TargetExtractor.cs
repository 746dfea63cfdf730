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

    private readonly IndicatorClauseReader _clauses;

    public TargetExtractor(IndicatorClauseReader clauses) => _clauses = clauses;

    [GeneratedRegex(@"(?:主要|全年|今年)?(?:经济社会发展的?)?(?:主要)?(?:预期(?:性)?目标|预期指标|主要目标|主要指标)(?:任务)?(?:安排)?(?:建议)?(?:是|(?:确定|设定|拟定|定)?为|如下|[:：])")]
    private static partial Regex Trigger();

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
            if (IsMultiYear(text, zoneStart))
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
        return new TargetExtraction(targets, targets.Count == 0 ? unreadable : [], passages);
    }

    /// <summary>
    /// The statements of the passage after a trigger, sentence by sentence to the end of its paragraph. A sentence
    /// with no readable figure does not end the passage while it still talks about indicators or figures
    /// (城镇化率提高1.5个百分点, 固定资产投资实现正增长): target lists mix quantified and qualitative slots.
    /// The passage ends at a sentence that names neither, such as 为实现上述目标，… .
    /// </summary>
    private IEnumerable<Target> Passage(string text, int zoneStart)
    {
        var paragraphEnd = text.IndexOf('\n', zoneStart) is var nl and >= 0 ? nl : text.Length;
        var gap = 0;
        foreach (var (start, end) in Sentences.In(text, zoneStart, paragraphEnd))
        {
            var statements = _clauses.Read(text, start, end);
            if (statements.Count == 0)
            {
                if (++gap > MaxGapSentences || !_clauses.TalksAboutIndicators(text, start, end))
                {
                    yield break;
                }
                continue;
            }
            gap = 0;
            // 奋斗目标：… / 力争… ahead of the figures makes the whole sentence a stretch goal.
            var stretchSentence = StretchSentence().Match(text, start, end - start) is { Success: true } s
                && s.Index < statements.Min(st => st.Start);
            foreach (var st in statements)
            {
                yield return st.Stretch || !stretchSentence ? st : st with { Stretch = true };
            }
        }
    }

    private static bool IsMultiYear(string text, int zoneStart)
    {
        var window = Math.Min(FiveYearWindow, text.Length - zoneStart);
        return MultiYear().IsMatch(text.AsSpan(zoneStart, window));
    }
}
