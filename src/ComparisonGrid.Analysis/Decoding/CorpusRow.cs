namespace ComparisonGrid.Analysis.Decoding;

/// <summary>One report of a CSV or JSONL corpus.</summary>
/// <param name="Row">1-based data row (CSV) or line (JSONL).</param>
/// <param name="Line">1-based line of the input where the row starts.</param>
public sealed record CorpusRow(int Row, int Line, string Text, ReportHints Hints);
