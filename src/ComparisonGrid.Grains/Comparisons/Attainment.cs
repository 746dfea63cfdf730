using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains.Comparisons;

/// <summary>
/// Whether an achieved figure meets a target. Ceilings (以内, 控制在 …, and rates such as CPI and
/// unemployment, where lower is the aim) are met at or below the target; everything else at or above
/// the target's lower bound. Relations and figures in different units are not judged.
/// </summary>
public static class Attainment
{
    public static bool? IsHit(Target target, Achievement? achieved)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (achieved is null || target.Comparator == Comparator.Relation || target.Unit != achieved.Unit
            || FigureView.From(achieved).Value is not double value)
        {
            return null;
        }
        var ceiling = target.Comparator == Comparator.AtMost || target.Metric == "rate";
        return ceiling
            ? target.High is double high ? value <= high : null
            : target.Low is double low ? value >= low : null;
    }

    /// <summary>The expected (not stretch) target of an indicator, or the stretch one when it stands alone.</summary>
    public static Target? TargetFor(ReportFacts facts, string indicator)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Targets.FirstOrDefault(t => t.Indicator == indicator && !t.Stretch)
            ?? facts.Targets.FirstOrDefault(t => t.Indicator == indicator);
    }

    /// <summary>What a report's review gives as achieved for <paramref name="year"/>.</summary>
    public static Achievement? AchievedFor(ReportFacts? facts, string indicator, int year) =>
        facts?.Achievements.FirstOrDefault(a => a.Indicator == indicator && (a.Year is null || a.Year == year));
}
