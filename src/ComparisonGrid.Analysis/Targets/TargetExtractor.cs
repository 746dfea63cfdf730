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

    private readonly IndicatorClauseReader _clauses;

    public TargetExtractor(IndicatorClauseReader clauses) => _clauses = clauses;

    [GeneratedRegex(@"(?:主要|全年|今年)?(?:经济社会发展的?)?(?:主要)?(?:预期(?:性)?目标|预期指标|主要目标|主要指标)(?:任务)?(?:安排)?(?:建议)?(?:是|为|如下|[:：])")]
    private static partial Regex Trigger();

    [GeneratedRegex(@"年均|每年|到20\d\d年|20\d\d年前|五年后|十四五|十五五|期末")]
    private static partial Regex MultiYear();

    [GeneratedRegex(@"奋斗目标|力争")]
    private static partial Regex StretchSentence();

    /// <param name="isReview">Tells whether a position lies in the review part of the report.</param>
    public IReadOnlyList<Target> Extract(string text, Func<int, bool> isReview)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(isReview);
        var targets = new List<Target>();
        var seen = new HashSet<(string, bool)>();
        foreach (Match trigger in Trigger().Matches(text))
        {
            var zoneStart = trigger.Index + trigger.Length;
            if (isReview(trigger.Index) || IsMultiYear(text, zoneStart))
            {
                continue;
            }
            var paragraphEnd = text.IndexOf('\n', zoneStart) is var nl and >= 0 ? nl : text.Length;
            foreach (var (start, end) in Sentences.In(text, zoneStart, paragraphEnd))
            {
                var statements = _clauses.Read(text, start, end);
                if (statements.Count == 0)
                {
                    break;
                }
                // 奋斗目标：… / 力争… ahead of the figures makes the whole sentence a stretch goal.
                var stretchSentence = StretchSentence().Match(text, start, end - start) is { Success: true } s
                    && s.Index < statements.Min(st => st.Start);
                foreach (var st in statements)
                {
                    var stretch = st.Stretch || stretchSentence;
                    // The first passage of a report states each target once; a repeat is a later mention.
                    if (!seen.Add((st.Indicator, stretch)))
                    {
                        continue;
                    }
                    targets.Add(st with { Stretch = stretch });
                }
            }
        }
        return targets;
    }

    private static bool IsMultiYear(string text, int zoneStart)
    {
        var window = Math.Min(FiveYearWindow, text.Length - zoneStart);
        return MultiYear().IsMatch(text.AsSpan(zoneStart, window));
    }
}
