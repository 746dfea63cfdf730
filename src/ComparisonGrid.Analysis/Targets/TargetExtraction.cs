using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>The year's targets, and where a passage announced targets but none could be read from it.</summary>
/// <param name="UnreadableTriggers">Offsets of announcing phrases (主要预期目标是) that yielded no target.</param>
/// <param name="FirstPassage">Where the first passage that yielded targets starts, or null.</param>
public sealed record TargetExtraction(IReadOnlyList<Target> Targets, IReadOnlyList<int> UnreadableTriggers, int? FirstPassage = null);
