namespace ComparisonGrid.Model;

/// <summary>Where a report came from: the input, its encoding, and its span in the input as given.</summary>
/// <param name="Row">For corpora: the 1-based data row (CSV) or line (JSONL) the report came from.</param>
[GenerateSerializer, Immutable, Alias("cg.SourceSpan")]
public sealed record SourceSpan(string Input, string Encoding, string Format, int Start, int End, int? Row = null);
