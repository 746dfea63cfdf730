namespace ComparisonGrid.Analysis.Decoding;

public enum InputFormat
{
    Text,
    Html,
    Csv,
    Jsonl,
}
