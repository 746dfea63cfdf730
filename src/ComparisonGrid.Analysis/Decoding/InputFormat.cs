namespace ComparisonGrid.Analysis.Decoding;

public enum InputFormat
{
    Text,
    Html,
    Markdown,
    Csv,
    Jsonl,
    Pdf,
    Docx,
    Xlsx,
}
