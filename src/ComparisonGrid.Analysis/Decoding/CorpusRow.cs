namespace ComparisonGrid.Analysis.Decoding;

/// <summary>One report of a corpus (CSV, JSONL or spreadsheet).</summary>
/// <param name="Row">1-based data row (CSV, spreadsheet) or line (JSONL).</param>
/// <param name="Location">Where the row starts in the input, as a user finds it: "line 12", or "sheet 报告, row 5".</param>
public sealed record CorpusRow(int Row, string Location, string Text, ReportHints Hints);
