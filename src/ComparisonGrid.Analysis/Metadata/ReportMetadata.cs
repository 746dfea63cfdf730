using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Metadata;

/// <summary>Who delivered the report, where, when, and for which year, with what was doubtful.</summary>
/// <param name="Notes">Quality notes, offsets within the report segment.</param>
public sealed record ReportMetadata(
    string? Title,
    Region? Region,
    int? Year,
    DateOnly? MeetingDate,
    string? Speaker,
    string? Office,
    IReadOnlyList<QualityNote> Notes);
