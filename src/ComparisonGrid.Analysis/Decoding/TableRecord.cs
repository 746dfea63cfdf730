namespace ComparisonGrid.Analysis.Decoding;

/// <summary>One record of a table (a CSV record, a spreadsheet row) and where it starts, as a user finds it.</summary>
public sealed record TableRecord(string Location, IReadOnlyList<string> Fields);
