using System.Text.Json;

namespace ComparisonGrid.Analysis.Decoding;

/// <summary>Reads CSV and JSONL corpora: one report per row, the text column detected or named.</summary>
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
        var header = records[0].Fields;
        var textIndex = FindColumn(header, textColumn is null ? CorpusColumns.Text : [textColumn]);
        if (textIndex < 0)
        {
            var wanted = textColumn is null ? string.Join(", ", CorpusColumns.Text) : textColumn;
            throw new InputFormatException(
                $"no text column (looked for {wanted}; the header has {string.Join(", ", header)}); name it with --text-column",
                "line 1");
        }
        var rows = new List<CorpusRow>();
        var errors = new List<InputFormatException>();
        for (var r = 1; r < records.Count; r++)
        {
            var record = records[r];
            if (record.Fields.Count == 1 && string.IsNullOrWhiteSpace(record.Fields[0]))
            {
                continue;
            }
            if (record.Fields.Count != header.Count)
            {
                errors.Add(new InputFormatException(
                    $"row {r} has {record.Fields.Count} fields, the header has {header.Count}", $"line {record.Line}"));
                continue;
            }
            var text = record.Fields[textIndex];
            if (string.IsNullOrWhiteSpace(text))
            {
                errors.Add(new InputFormatException($"row {r} has an empty text column", $"line {record.Line}"));
                continue;
            }
            var fields = record.Fields;
            rows.Add(new CorpusRow(r, record.Line, text, CorpusColumns.Hints(names =>
            {
                var i = FindColumn(header, names);
                return i >= 0 && !string.IsNullOrWhiteSpace(fields[i]) ? fields[i] : null;
            })));
        }
        return new CorpusReadResult(rows, errors);
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
                rows.Add(new CorpusRow(lineNumber, lineNumber, text, CorpusColumns.Hints(Value)));
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
    private static List<CsvRecord> ParseCsv(string content)
    {
        var records = new List<CsvRecord>();
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
                    records.Add(new CsvRecord(recordLine, [.. fields]));
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
            records.Add(new CsvRecord(recordLine, [.. fields]));
        }
        return records;
    }

    private sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
}
