namespace ComparisonGrid.Application.Export.Tables;

/// <summary>A column of an exported table: its name (explained in the codebook) and what it holds. Every column may be empty.</summary>
public sealed record TableColumn(string Name, ColumnType Type)
{
    /// <summary>
    /// The columns of a table built for the terminal and CSV, typed by what their cells hold: a column whose values
    /// are all integers is Whole, numbers Number, flags Boolean; anything else, or a mix, Text.
    /// </summary>
    public static IReadOnlyList<TableColumn> Of(TextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return [.. table.Header.Select((name, i) => new TableColumn(name, TypeOf(table.Rows.Select(r => i < r.Length ? r[i] : null))))];
    }

    private static ColumnType TypeOf(IEnumerable<object?> cells)
    {
        ColumnType? type = null;
        foreach (var cell in cells)
        {
            var kind = cell switch
            {
                null => type,
                int or short or byte => type == ColumnType.Number ? ColumnType.Number : ColumnType.Whole,
                double or float or decimal or long => ColumnType.Number,
                bool => ColumnType.Boolean,
                _ => ColumnType.Text,
            };
            if (type is { } known && kind is { } now && known != now && !(known == ColumnType.Whole && now == ColumnType.Number))
            {
                return ColumnType.Text;
            }
            type = kind;
        }
        return type ?? ColumnType.Text;
    }
}
