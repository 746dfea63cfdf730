namespace ComparisonGrid.Analysis;

/// <summary>An input as it arrives: its name (a path, an upload's file name) and its bytes.</summary>
public sealed record SourceDocument(string Name, ReadOnlyMemory<byte> Content);
