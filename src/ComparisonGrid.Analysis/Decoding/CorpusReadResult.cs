namespace ComparisonGrid.Analysis.Decoding;

/// <summary>The rows a corpus yielded and the lines or rows that could not be read.</summary>
public sealed record CorpusReadResult(IReadOnlyList<CorpusRow> Rows, IReadOnlyList<InputFormatException> Errors);
