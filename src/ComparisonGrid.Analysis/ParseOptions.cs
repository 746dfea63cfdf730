namespace ComparisonGrid.Analysis;

/// <summary>How inputs are read.</summary>
/// <param name="TextColumn">The column (CSV) or field (JSONL) holding a report's text; detected when null.</param>
/// <param name="MaxBytes">Inputs larger than this are refused whole.</param>
public sealed record ParseOptions(string? TextColumn = null, long MaxBytes = ParseOptions.DefaultMaxBytes)
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    public static ParseOptions Default { get; } = new();
}
