using System.Text.RegularExpressions;
using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains.Comparisons;

/// <summary>
/// A region's report against the same region's report of another year. Targets are matched by indicator (the
/// expected target, as comparisons take it): higher or lower by their values (a range at its midpoint), "changed"
/// when the unit or relation differs or only the comparator does, added or dropped when only one year has it. Themes by their
/// intensity per 10,000 characters. Sections by their top-level titles with years and numbers left out, so
/// "2023年工作回顾" and "2024年工作回顾" are the same section.
/// </summary>
public static partial class ChangeComparer
{
    private const int ThemesShown = 5;

    private static readonly TargetChangeKind[] Order =
        [TargetChangeKind.Raised, TargetChangeKind.Lowered, TargetChangeKind.Added, TargetChangeKind.Dropped, TargetChangeKind.Changed, TargetChangeKind.Unchanged];

    public static ReportChanges Compare(RegionRef region, ReportFacts before, Report beforeReport, ReportFacts after, Report afterReport)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(beforeReport);
        ArgumentNullException.ThrowIfNull(afterReport);
        var indicators = before.Targets.Concat(after.Targets).Select(t => t.Indicator).Distinct(StringComparer.Ordinal);
        var targets = indicators
            .Select(i => Change(i, Attainment.TargetFor(before, i), Attainment.TargetFor(after, i)))
            .OrderBy(c => Array.IndexOf(Order, c.Change))
            .ThenByDescending(c => Math.Abs(c.Difference ?? 0))
            .ThenBy(c => c.Indicator, StringComparer.Ordinal)
            .ToList();

        var themesBefore = before.Themes.ToDictionary(t => t.Theme, StringComparer.Ordinal);
        var themes = after.Themes.Concat(before.Themes.Where(t => !after.Themes.Any(a => a.Theme == t.Theme)))
            .Select(t =>
            {
                var was = themesBefore.GetValueOrDefault(t.Theme)?.Per10K ?? 0;
                var now = after.Themes.FirstOrDefault(a => a.Theme == t.Theme)?.Per10K ?? 0;
                return new ThemeChange(t.Theme, t.Label, was, now, Math.Round(now - was, 2));
            })
            .ToList();

        var sectionsBefore = TopTitles(beforeReport);
        var sectionsAfter = TopTitles(afterReport);
        return new ReportChanges(region, before.Year, after.Year, targets,
            [.. themes.Where(t => t.Change > 0).OrderByDescending(t => t.Change).ThenBy(t => t.Theme, StringComparer.Ordinal).Take(ThemesShown)],
            [.. themes.Where(t => t.Change < 0).OrderBy(t => t.Change).ThenBy(t => t.Theme, StringComparer.Ordinal).Take(ThemesShown)],
            [.. sectionsAfter.Where(s => !sectionsBefore.ContainsKey(s.Key)).Select(s => s.Value)],
            [.. sectionsBefore.Where(s => !sectionsAfter.ContainsKey(s.Key)).Select(s => s.Value)]);
    }

    private static TargetChange Change(string indicator, Target? before, Target? after)
    {
        if (before is null || after is null)
        {
            return new TargetChange(indicator, before is null ? TargetChangeKind.Added : TargetChangeKind.Dropped,
                before is null ? null : FigureView.From(before), after is null ? null : FigureView.From(after), null);
        }
        var (was, now) = (FigureView.From(before), FigureView.From(after));
        if (was.Unit != now.Unit || before.Relation != after.Relation || was.Value is not double a || now.Value is not double b)
        {
            // Figures that do not compare as numbers are unchanged only when nothing about them differs.
            var same = was.Unit == now.Unit && before.Relation == after.Relation && was.Comparator == now.Comparator && was.Value == now.Value;
            return new TargetChange(indicator, same ? TargetChangeKind.Unchanged : TargetChangeKind.Changed, was, now, null);
        }
        // The figure decides (5.5%左右 → 5%以上 is lowered); the same figure with another comparator is "changed".
        var difference = Math.Round(b - a, 4);
        var kind = difference > 0 ? TargetChangeKind.Raised
            : difference < 0 ? TargetChangeKind.Lowered
            : was.Comparator == now.Comparator ? TargetChangeKind.Unchanged : TargetChangeKind.Changed;
        return new TargetChange(indicator, kind, was, now, difference);
    }

    /// <summary>Top-level section titles by a key without years, numbers, blanks and punctuation.</summary>
    private static Dictionary<string, string> TopTitles(Report report)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in report.Sections.Where(s => s.Level == 1 && !string.IsNullOrWhiteSpace(s.Title)))
        {
            titles.TryAdd(TitleKey().Replace(section.Title, ""), section.Title.Trim());
        }
        return titles;
    }

    [GeneratedRegex(@"[\d０-９一二三四五六七八九十百零〇]+年?|[\s\p{P}]")]
    private static partial Regex TitleKey();
}
