using ComparisonGrid.Application.Export.Tables;

namespace ComparisonGrid.Application.Export.Dataset;

/// <summary>One table of a dataset export: its file stem, what a row is, and its columns.</summary>
public sealed record DatasetTable(string Name, string Description, IReadOnlyList<TableColumn> Columns);
