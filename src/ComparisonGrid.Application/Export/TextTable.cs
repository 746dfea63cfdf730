using System.Globalization;
using System.Text;

namespace ComparisonGrid.Application.Export;

/// <summary>
/// Rows of cells printed as an aligned table (Chinese characters count two columns) or as CSV. The cells keep their
/// values (numbers, flags, text), so a typed format (Parquet) can be written from the same table.
/// </summary>
public sealed class TextTable(params string[] header)
{
    /// <summary>What a CSV file of the project starts with: the byte-order mark Excel needs to read UTF-8.</summary>
    public const string CsvPreamble = "\uFEFF";

    private const int MaxCellWidth = 40;
    private readonly List<object?[]> _rows = [];

    public int Count => _rows.Count;

    public IReadOnlyList<string> Header => header;

    /// <summary>The rows as added, each cell's value unformatted.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    public void Add(params object?[] cells) => _rows.Add(cells);

    /// <summary>RFC 4180 CSV with a UTF-8 BOM, so Excel opens Chinese text correctly.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder(CsvPreamble);
        foreach (var row in _rows.Prepend(header))
        {
            AppendCsvRow(sb, row);
        }
        return sb.ToString();
    }

    /// <summary>One CSV line of the project's CSV (cells formatted, quoted and defused as <see cref="ToCsv"/> does), with its CRLF.</summary>
    public static void AppendCsvRow(StringBuilder sb, IEnumerable<object?> cells)
    {
        ArgumentNullException.ThrowIfNull(sb);
        sb.AppendJoin(',', cells.Select(c => Quote(Format(c)))).Append("\r\n");
    }

    public string ToTable()
    {
        var all = _rows.Select(r => r.Select(Format).ToArray()).Prepend(header).Select(r => r.Select(Clip).ToArray()).ToList();
        var widths = header.Select((_, i) => all.Max(r => Width(r[i]))).ToArray();
        var sb = new StringBuilder();
        foreach (var row in all)
        {
            for (var i = 0; i < row.Length; i++)
            {
                sb.Append(row[i]);
                if (i < row.Length - 1)
                {
                    sb.Append(' ', widths[i] - Width(row[i]) + 2);
                }
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Format(object? cell) => cell switch
    {
        null => "",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static string Quote(string cell)
    {
        cell = Defused(cell);
        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
    }

    /// <summary>
    /// A cell a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return first: an upload named
    /// =HYPERLINK(…)) gets a leading apostrophe, which spreadsheets show as text; a number such as -1.7 stays a number.
    /// </summary>
    private static string Defused(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + cell
            : cell;

    private static string Clip(string cell)
    {
        if (Width(cell) <= MaxCellWidth)
        {
            return cell;
        }
        var sb = new StringBuilder();
        var width = 0;
        foreach (var c in cell)
        {
            width += CharWidth(c);
            if (width > MaxCellWidth - 1)
            {
                break;
            }
            sb.Append(c);
        }
        return sb.Append('…').ToString();
    }

    private static int Width(string s) => s.Sum(CharWidth);

    private static int CharWidth(char c) => c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6)) ? 2 : 1;
}
