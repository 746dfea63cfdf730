namespace ComparisonGrid.Analysis;

/// <summary>How inputs are read.</summary>
/// <param name="TextColumn">The column (CSV) or field (JSONL) holding a report's text; detected when null.</param>
/// <param name="MaxBytes">Inputs larger than this are refused whole.</param>
/// <param name="MaxReportCharacters">A report longer than this is refused with an error naming where it starts.</param>
public sealed record ParseOptions(
    string? TextColumn = null, long MaxBytes = ParseOptions.DefaultMaxBytes, int MaxReportCharacters = ParseOptions.DefaultMaxReportCharacters)
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>
    /// Work reports run to tens of thousands of characters (the longest national ones to about 60,000); a "report"
    /// ten times that is several reports the splitter could not tell apart, or not a report, and storing it whole
    /// would cost megabytes on every read.
    /// </summary>
    public const int DefaultMaxReportCharacters = 500_000;

    public static ParseOptions Default { get; } = new();
}
