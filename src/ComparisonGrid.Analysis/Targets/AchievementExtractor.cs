using System.Text.RegularExpressions;
using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>
/// The previous year's results as the review reports them (地区生产总值完成78.9亿元，同比增长9.3%), under
/// the indicator ids of targets. Multi-year figures (年均, 累计, 比2016年) are not one year's result.
/// </summary>
public sealed partial class AchievementExtractor
{
    private readonly IndicatorClauseReader _clauses;

    public AchievementExtractor(IndicatorClauseReader clauses) => _clauses = clauses;

    [GeneratedRegex(@"年均|累计|五年|三年|两年|[比较]20\d\d年|是20\d\d年|翻一番|翻番|20\d\d-20\d\d|预期目标|由\d|增加到|提高到|提升到")]
    private static partial Regex MultiYear();

    /// <param name="spans">The review part of the report, as spans of <paramref name="text"/>.</param>
    public IReadOnlyList<Achievement> Extract(string text, IEnumerable<(int Start, int End)> spans, int? year)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spans);
        var found = new Dictionary<string, Achievement>();
        foreach (var (spanStart, spanEnd) in spans)
        {
            foreach (var (start, end) in Sentences.In(text, spanStart, spanEnd))
            {
                foreach (var st in _clauses.Read(text, start, end))
                {
                    if (st.Comparator == Comparator.Relation || st.Stretch || found.ContainsKey(st.Indicator)
                        || MultiYear().IsMatch(text.AsSpan(st.Start, st.End - st.Start)))
                    {
                        continue;
                    }
                    found[st.Indicator] = new Achievement(st.Indicator, st.Label, year - 1, st.Metric, st.Comparator,
                        st.Low, st.High, st.Unit, st.Quote, st.Start, st.End);
                }
            }
        }
        return [.. found.Values.OrderBy(a => a.Start)];
    }
}
