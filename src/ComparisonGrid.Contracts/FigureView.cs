using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>A target or an achieved figure as comparisons show it, with the sentence it came from.</summary>
[GenerateSerializer, Immutable, Alias("cg.FigureView")]
public sealed record FigureView(string Label, Comparator Comparator, double? Low, double? High, string? Unit, bool Stretch, string Quote)
{
    /// <summary>The figure as one number: a range counts at its midpoint; relations have none.</summary>
    public double? Value => Low is double low && High is double high ? (low + high) / 2 : Low ?? High;

    public static FigureView From(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new FigureView(target.Label, target.Comparator, target.Low, target.High, target.Unit, target.Stretch, target.Quote);
    }

    public static FigureView From(Achievement achievement)
    {
        ArgumentNullException.ThrowIfNull(achievement);
        return new FigureView(achievement.Label, achievement.Comparator, achievement.Low, achievement.High, achievement.Unit, false, achievement.Quote);
    }
}
