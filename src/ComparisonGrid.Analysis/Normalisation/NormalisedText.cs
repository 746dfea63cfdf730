using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>Normalised text whose offsets point into the input as given, and what normalising it found.</summary>
/// <param name="Notes">Quality notes with offsets in the input as given.</param>
public sealed record NormalisedText(MappedText Text, IReadOnlyList<QualityNote> Notes);
