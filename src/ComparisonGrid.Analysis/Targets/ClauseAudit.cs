using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>
/// What the parser may have missed: clauses of the review naming an indicator beside a figure when the report has no
/// achievement for it, and clauses of the plan naming one beside a qualified figure (增长6%左右) when it has no target
/// for it. Clauses about part of a year or a span of years are left out, as the extractors leave them out. A report
/// with many is flagged (targets-incomplete, achievements-incomplete): its figures deserve a reader's check, and a
/// developer finds misses in any unlabelled collection by listing them (cgrid parse --explain).
/// </summary>
public sealed class ClauseAudit
{
    /// <summary>Unread clauses from which a part is flagged incomplete; a part with no reading at all is flagged from one.</summary>
    public const int IncompleteFrom = 3;

    private readonly IndicatorClauseReader _clauses;

    public ClauseAudit(IndicatorClauseReader clauses) => _clauses = clauses;

    /// <param name="sections">The report's outline: the plan is read where it sets targets (<see cref="PlanSpans"/>).</param>
    /// <param name="passages">The passages the targets were read from.</param>
    /// <param name="reviewMentions">The review's clauses that name an indicator before a figure, as the achievement
    /// reader collected them (<see cref="AchievementExtractor.Extract"/>): the review is not read a second time. Those
    /// inside a target passage (a copy of the targets in the review) are the targets', not the review's.</param>
    public IReadOnlyList<UnreadClause> Unread(
        string text,
        IReadOnlyList<Section> sections,
        IReadOnlyList<(int Start, int End)> passages,
        IReadOnlyList<IndicatorMention> reviewMentions,
        IReadOnlyList<Target> targets,
        IReadOnlyList<Achievement> achievements)
    {
        ArgumentNullException.ThrowIfNull(text);
        var unread = new List<UnreadClause>();
        var achieved = achievements.Select(a => a.Indicator).ToHashSet(StringComparer.Ordinal);
        foreach (var m in reviewMentions.Where(m => !passages.Any(p => m.Start >= p.Start && m.Start < p.End)))
        {
            if (!m.Ids.Any(achieved.Contains) && !AchievementExtractor.NotOneYearIn(text.AsSpan(m.Start, m.End - m.Start)))
            {
                unread.Add(new UnreadClause("review", m.Ids, m.Label, text[m.Start..m.End].Trim(), m.Start, m.End));
            }
        }
        var targeted = targets.Select(t => t.Indicator).ToHashSet(StringComparer.Ordinal);
        foreach (var m in In(text, PlanSpans(sections, passages), Settled(targeted)))
        {
            if (m.Qualified && !TargetExtractor.MultiYearIn(text.AsSpan(m.Start, m.End - m.Start)))
            {
                unread.Add(new UnreadClause("plan", m.Ids, m.Label, text[m.Start..m.End].Trim(), m.Start, m.End));
            }
        }
        return unread;
    }

    /// <summary>The flags the unread clauses of a report call for.</summary>
    public static IEnumerable<QualityNote> Notes(IReadOnlyList<UnreadClause> unread, int targets, int achievements)
    {
        ArgumentNullException.ThrowIfNull(unread);
        var plan = unread.Count(u => u.Part == "plan");
        if (plan >= IncompleteFrom || (targets == 0 && plan > 0))
        {
            yield return new QualityNote(QualityFlags.TargetsIncomplete,
                $"{plan} clause{(plan == 1 ? "" : "s")} of the plan name an indicator beside a qualified figure and were read as no target; check them (cgrid parse --explain)");
        }
        var review = unread.Count(u => u.Part == "review");
        if (review >= IncompleteFrom || (achievements == 0 && review > 0))
        {
            yield return new QualityNote(QualityFlags.AchievementsIncomplete,
                $"{review} clause{(review == 1 ? "" : "s")} of the review name an indicator beside a figure and were read as no achievement; check them (cgrid parse --explain)");
        }
    }

    /// <summary>
    /// Where a plan sets targets: the passages read, a targets part, and a plan part's opening before its first task or
    /// a task titled as targets. The tasks themselves cite figures (全年实施重点项目80个) that are not the year's targets.
    /// </summary>
    private static List<(int Start, int End)> PlanSpans(IReadOnlyList<Section> sections, IReadOnlyList<(int Start, int End)> passages)
    {
        var plans = sections.Where(s => s.Kind == SectionKind.Plan).ToList();
        return [.. sections.Where(s => s.Kind == SectionKind.Targets).Select(s => (s.Start, s.End))
            .Concat(plans.Select(s => (s.Start, s.Children.Count > 0 ? s.Children[0].Start : s.End)))
            .Concat(plans.SelectMany(s => s.Children).Where(c => c.Title.Contains("目标", StringComparison.Ordinal)).Select(c => (c.Start, c.End)))
            .Concat(passages)];
    }

    /// <summary>A family is settled when the report holds a reading for any of its ids; asked once per family.</summary>
    private Func<string, bool> Settled(HashSet<string> read)
    {
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        return family =>
        {
            if (!known.TryGetValue(family, out var settled))
            {
                known[family] = settled = _clauses.IdsOf(family).Any(read.Contains);
            }
            return settled;
        };
    }

    private IEnumerable<IndicatorMention> In(string text, IReadOnlyList<(int Start, int End)> spans, Func<string, bool> settled) =>
        spans.OrderBy(s => s.Start).SelectMany(s => _clauses.Mentions(text, s.Start, s.End, settled));
}
