namespace ComparisonGrid.Analysis.Decoding;

/// <summary>What a corpus row says about its report besides the text; the parser prefers the text's own evidence.</summary>
public sealed record ReportHints(
    string? Title = null,
    int? Year = null,
    string? Province = null,
    string? Region = null,
    string? Url = null,
    string? PublishDate = null)
{
    public static ReportHints None { get; } = new();
}
