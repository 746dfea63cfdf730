using System.Text.Json;

namespace ComparisonGrid.Analysis.Decoding;

/// <summary>Reads CSV and JSONL corpora, and the tables of spreadsheets: one report per row, the text column detected or named.</summary>
public sealed class CorpusReader
{
    public CorpusReadResult ReadCsv(string content, string? textColumn = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var records = ParseCsv(content);
        if (records.Count == 0)
        {
            throw new InputFormatException("the CSV file has no header row");
        }
        return ReadTable(records, textColumn);
    }

    /// <summary>
    /// A table whose first record names the columns and whose every other record is a report (CSV and spreadsheet
    /// rows). The text is the named column, else the column whose cells are longest: a county dataset may call it
    /// 报告全文 or anything else, but no other column holds tens of thousands of characters.
    /// </summary>
    public static CorpusReadResult ReadTable(IReadOnlyList<TableRecord> records, string? textColumn = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var header = records[0].Fields;
        var textIndex = FindColumn(header, textColumn is null ? CorpusColumns.Text : [textColumn]);
        if (textIndex < 0 && textColumn is null)
        {
            textIndex = LongestColumn(records, header.Count);
        }
        if (textIndex < 0)
        {
            var wanted = textColumn is null ? string.Join(", ", CorpusColumns.Text) : textColumn;
            throw new InputFormatException(
                $"no text column (looked for {wanted}, and no column holds texts of {MinTextColumnLength}+ characters; the header has {string.Join(", ", header)}); name it with --text-column",
                records[0].Location);
        }
        var rows = new List<CorpusRow>();
        var errors = new List<InputFormatException>();
        for (var r = 1; r < records.Count; r++)
        {
            var record = records[r];
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (record.Fields.Count != header.Count)
            {
                errors.Add(new InputFormatException(
                    $"row {r} has {record.Fields.Count} fields, the header has {header.Count}", record.Location));
                continue;
            }
            var text = record.Fields[textIndex];
            if (string.IsNullOrWhiteSpace(text))
            {
                errors.Add(new InputFormatException($"row {r} has an empty text column (column {textIndex + 1})", record.Location));
                continue;
            }
            var fields = record.Fields;
            try
            {
                rows.Add(new CorpusRow(r, record.Location, text, CorpusColumns.Hints(names =>
                {
                    var i = FindColumn(header, names);
                    return i >= 0 && !string.IsNullOrWhiteSpace(fields[i]) ? fields[i].Trim() : null;
                })));
            }
            catch (InputFormatException e)
            {
                errors.Add(new InputFormatException($"row {r}: {e.Message}", record.Location));
            }
        }
        return new CorpusReadResult(rows, errors);
    }

    /// <summary>The rows of every sheet that holds reports; a workbook none of whose sheets does is refused as a CSV is.</summary>
    public static CorpusReadResult ReadSheets(IReadOnlyList<(string Sheet, IReadOnlyList<TableRecord> Records)> sheets, string? textColumn = null)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var rows = new List<CorpusRow>();
        var errors = new List<InputFormatException>();
        InputFormatException? first = null;
        foreach (var (_, records) in sheets)
        {
            try
            {
                var table = ReadTable(records, textColumn);
                rows.AddRange(table.Rows);
                errors.AddRange(table.Errors);
            }
            catch (InputFormatException e)
            {
                first ??= e;
            }
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            throw first ?? new InputFormatException("the Excel file has no sheet with rows");
        }
        return new CorpusReadResult(rows, errors);
    }

    /// <summary>A column whose cells average fewer characters than this holds names, codes or dates, not reports.</summary>
    private const int MinTextColumnLength = 500;

    private static int LongestColumn(IReadOnlyList<TableRecord> records, int columns)
    {
        var best = -1;
        var bestMean = 0.0;
        for (var c = 0; c < columns; c++)
        {
            long total = 0;
            var count = 0;
            for (var r = 1; r < records.Count; r++)
            {
                if (c < records[r].Fields.Count && records[r].Fields[c] is { Length: > 0 } cell)
                {
                    total += cell.Length;
                    count++;
                }
            }
            var mean = count == 0 ? 0 : (double)total / count;
            if (mean >= MinTextColumnLength && mean > bestMean)
            {
                (best, bestMean) = (c, mean);
            }
        }
        return best;
    }

    public CorpusReadResult ReadJsonl(string content, string? textColumn = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var rows = new List<CorpusRow>();
        var errors = new List<InputFormatException>();
        var lineNumber = 0;
        foreach (var rawLine in content.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                errors.Add(new InputFormatException($"not JSON: {FirstSentence(e.Message)}", $"line {lineNumber}"));
                continue;
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new InputFormatException("not a JSON object", $"line {lineNumber}"));
                    continue;
                }
                var root = doc.RootElement;
                string? Value(string[] names)
                {
                    foreach (var p in root.EnumerateObject())
                    {
                        if (names.Any(n => string.Equals(n, p.Name, StringComparison.OrdinalIgnoreCase)))
                        {
                            return p.Value.ValueKind switch
                            {
                                JsonValueKind.String => p.Value.GetString(),
                                JsonValueKind.Number => p.Value.GetRawText(),
                                _ => null,
                            };
                        }
                    }
                    return null;
                }
                var text = Value(textColumn is null ? CorpusColumns.Text : [textColumn]);
                if (string.IsNullOrWhiteSpace(text))
                {
                    var wanted = textColumn ?? string.Join(", ", CorpusColumns.Text);
                    errors.Add(new InputFormatException($"no text field (looked for {wanted})", $"line {lineNumber}"));
                    continue;
                }
                try
                {
                    rows.Add(new CorpusRow(lineNumber, $"line {lineNumber}", text, CorpusColumns.Hints(Value)));
                }
                catch (InputFormatException e)
                {
                    errors.Add(new InputFormatException(e.Message, $"line {lineNumber}"));
                }
            }
        }
        return new CorpusReadResult(rows, errors);
    }

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message.TrimEnd('.') : message[..dot];
    }

    private static int FindColumn(IReadOnlyList<string> header, string[] names)
    {
        foreach (var name in names)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }
        return -1;
    }

    /// <summary>RFC 4180 records with the line each starts on; quoted fields may span lines.</summary>
    private static List<TableRecord> ParseCsv(string content)
    {
        var records = new List<TableRecord>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = content.Length > 0 && content[0] == '\uFEFF' ? 1 : 0;
        var quoted = false;
        var quoteLine = 0;
        while (i < content.Length)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < content.Length && content[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\n')
                {
                    line++;
                }
                field.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    quoteLine = line;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new TableRecord($"line {recordLine}", [.. fields]));
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
            i++;
        }
        if (quoted)
        {
            throw new InputFormatException("a quoted CSV field is never closed", $"line {quoteLine}");
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new TableRecord($"line {recordLine}", [.. fields]));
        }
        return records;
    }
}
