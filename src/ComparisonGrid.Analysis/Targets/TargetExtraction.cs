using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>The year's targets, and where a passage announced targets but none could be read from it.</summary>
/// <param name="UnreadableTriggers">Offsets of announcing phrases (主要预期目标是) that yielded no target.</param>
/// <param name="Passages">The spans of every passage read, repeats included: their figures are targets, never last year's.</param>
public sealed record TargetExtraction(IReadOnlyList<Target> Targets, IReadOnlyList<int> UnreadableTriggers, IReadOnlyList<(int Start, int End)> Passages)
{
    /// <summary>Where the first passage starts, or null when none was read.</summary>
    public int? FirstPassage => Passages.Count == 0 ? null : Passages.Min(p => p.Start);
}
