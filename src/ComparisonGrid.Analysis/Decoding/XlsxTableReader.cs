using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ComparisonGrid.Analysis.Decoding;

/// <summary>
/// The sheets of an Excel (.xlsx) workbook as tables: the first row of a sheet names its columns, every other row is
/// a record located as "sheet 报告, row 5", the row number Excel shows.
/// </summary>
public sealed class XlsxTableReader
{
    public IReadOnlyList<(string Sheet, IReadOnlyList<TableRecord> Records)> Read(ReadOnlyMemory<byte> content, long maxCharacters)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new InputFormatException("the Excel file has no workbook");
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var sheets = new List<(string, IReadOnlyList<TableRecord>)>();
            long characters = 0;
            foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
            {
                if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
                {
                    continue;
                }
                var name = sheet.Name?.Value ?? $"{sheets.Count + 1}";
                var records = new List<TableRecord>();
                foreach (var row in part.Worksheet?.Descendants<Row>() ?? [])
                {
                    var fields = new List<string>();
                    foreach (var cell in row.Elements<Cell>())
                    {
                        var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : fields.Count;
                        while (fields.Count < column)
                        {
                            fields.Add("");
                        }
                        var value = Value(cell, shared);
                        characters += value.Length;
                        fields.Add(value);
                    }
                    if (characters > maxCharacters)
                    {
                        throw new InputFormatException($"the Excel file's text is over the limit of {maxCharacters:N0} characters", $"sheet {name}");
                    }
                    records.Add(new TableRecord($"sheet {name}, row {row.RowIndex?.Value ?? (uint)(records.Count + 1)}", fields));
                }
                if (records.Count > 0)
                {
                    // Excel leaves out empty trailing cells; every record gets the header's width.
                    var width = records.Max(r => r.Fields.Count);
                    sheets.Add((name, [.. records.Select(r => r.Fields.Count == width ? r : r with { Fields = [.. r.Fields, .. Enumerable.Repeat("", width - r.Fields.Count)] })]));
                }
            }
            return sheets;
        }
        catch (Exception e) when (OpenXmlFaults.IsUnreadableFile(e))
        {
            throw InputFormatException.From("not a readable Excel (.xlsx) file", e);
        }
    }

    private static string Value(Cell cell, string[] shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, out var i) && i >= 0 && i < shared.Length ? shared[i] : "";
        }
        return raw;
    }

    /// <summary>"AB12" → 27: the 0-based column of a cell reference.</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return Math.Max(0, column - 1);
    }
}
