namespace ComparisonGrid.Model;

/// <summary>A numbered heading of the report's outline and the text it governs.</summary>
/// <param name="Start">Offset of the heading in the input as given.</param>
/// <param name="End">Offset where the section's text ends in the input as given.</param>
[GenerateSerializer, Immutable, Alias("cg.Section")]
public sealed record Section(
    string Number,
    string Title,
    SectionKind Kind,
    int Level,
    int Start,
    int End,
    IReadOnlyList<Section> Children);
