namespace ComparisonGrid.Analysis.Sections;

/// <summary>A numbered heading found in the text, before the outline decides whether it really is one.</summary>
/// <param name="Start">Position of the numbering mark.</param>
/// <param name="TitleStart">Position where the title text begins.</param>
public sealed record HeadingCandidate(int Start, int TitleStart, HeadingStyle Style, int Number, string Mark);
