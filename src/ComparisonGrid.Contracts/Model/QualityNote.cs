namespace ComparisonGrid.Model;

/// <summary>One thing the parser repaired or doubts, with where it is in the input as given.</summary>
/// <param name="Code">The flag this note explains (<see cref="QualityFlags"/>).</param>
[GenerateSerializer, Immutable, Alias("cg.QualityNote")]
public sealed record QualityNote(string Code, string Message, int? Start = null, int? End = null);
