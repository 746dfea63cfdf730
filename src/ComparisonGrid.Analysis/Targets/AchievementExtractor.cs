using System.Text.RegularExpressions;
using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>
/// The previous year's results as the review reports them (地区生产总值完成78.9亿元，同比增长9.3%), under
/// the indicator ids of targets. Figures that are not one year's result (年均, 累计, 比2016年, 一季度) are left out;
/// where the review states an indicator twice, the whole region's figure wins over a part's (<see cref="AchievementScope"/>).
/// </summary>
public sealed partial class AchievementExtractor
{
    private const int PeriodWindow = 6;

    private readonly IndicatorClauseReader _clauses;
    private readonly AchievementScope _scope;

    public AchievementExtractor(IndicatorClauseReader clauses, AchievementScope scope)
    {
        _clauses = clauses;
        _scope = scope;
    }

    // Part of a year (前三季度, 上半年, 1-11月, 截至11月底, 前10个月) is not the year's result, which the review may give later.
    [GeneratedRegex(@"年均|累计|五年|三年|两年|[比较]20\d\d年|是20\d\d年|翻一番|翻番|20\d\d-20\d\d|预期目标|[由从]\d|季度|上半年|1-\d{1,2}月|截[至止]|月底|月末|前\d{1,2}个?月|前[一二三四五六七八九十]{1,3}个月")]
    private static partial Regex NotOneYear();

    /// <summary>Whether a span speaks of more or less than one year (年均, 累计, 前三季度, 截至11月底).</summary>
    internal static bool NotOneYearIn(ReadOnlySpan<char> span) => NotOneYear().IsMatch(span);

    [GeneratedRegex(@"预计")]
    private static partial Regex Estimate();

    /// <param name="spans">The review part of the report, as spans of <paramref name="text"/>.</param>
    /// <param name="targetPassages">Passages that set the year's targets (a copy of the report inside its own review, a
    /// review heading that runs over the targets): their figures are not last year's.</param>
    /// <param name="mentions">When given, collects every clause of the spans that names an indicator before a figure
    /// (<see cref="IndicatorClauseReader.Mentions"/>), read or not: what <see cref="ClauseAudit"/> checks.</param>
    public IReadOnlyList<Achievement> Extract(
        string text, IEnumerable<(int Start, int End)> spans, int? year, IReadOnlyList<(int Start, int End)>? targetPassages = null,
        ICollection<IndicatorMention>? mentions = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spans);
        var found = new Dictionary<string, (Achievement Achievement, int Rank)>();
        foreach (var (spanStart, spanEnd) in spans)
        {
            foreach (var (start, end) in Sentences.In(text, spanStart, spanEnd))
            {
                foreach (var st in _clauses.Read(text, start, end, mentions))
                {
                    if (targetPassages is not null && targetPassages.Any(p => st.Start >= p.Start && st.Start < p.End))
                    {
                        continue;
                    }
                    // A whole-region figure already held cannot be outranked: skip the checks.
                    if (found.TryGetValue(st.Indicator, out var best) && best.Rank == AchievementScope.Whole)
                    {
                        continue;
                    }
                    // The period may stand just before the label (一季度全市生产总值下降6.7%).
                    var from = Math.Max(start, st.Start - PeriodWindow);
                    if (st.Comparator == Comparator.Relation || st.Stretch
                        || NotOneYear().IsMatch(text.AsSpan(from, st.End - from)))
                    {
                        continue;
                    }
                    var lead = text.AsSpan(start, st.End - start);
                    var rank = _scope.Rank(lead);
                    if (found.TryGetValue(st.Indicator, out var held) && held.Rank >= rank)
                    {
                        continue;
                    }
                    found[st.Indicator] = (new Achievement(st.Indicator, st.Label, year - 1, st.Metric, st.Comparator,
                        st.Low, st.High, st.Unit, st.Quote, st.Start, st.End, Estimate().IsMatch(lead)), rank);
                }
            }
        }
        return [.. found.Values.Select(v => v.Achievement).OrderBy(a => a.Start)];
    }
}
