namespace ComparisonGrid.Analysis.Decoding;

/// <summary>Input bytes turned into text, and the encoding they were read as.</summary>
public sealed record DecodedText(string Text, string Encoding);
