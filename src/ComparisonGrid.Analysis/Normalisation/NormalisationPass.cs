using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>What one normalisation pass made of its input: the new text (offsets into the pass's input) and notes.</summary>
/// <param name="Notes">Quality notes whose offsets point into the pass's input.</param>
public sealed record NormalisationPass(MappedText Text, IReadOnlyList<QualityNote> Notes);
