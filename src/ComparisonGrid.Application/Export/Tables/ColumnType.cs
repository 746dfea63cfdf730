namespace ComparisonGrid.Application.Export.Tables;

/// <summary>What a column of an exported table holds, as typed formats (Parquet) store it; CSV writes every kind as text.</summary>
public enum ColumnType
{
    /// <summary>A 32-bit integer: years, counts, offsets, versions.</summary>
    Whole,

    /// <summary>A double: figures, rates, hits per 10,000 characters.</summary>
    Number,

    /// <summary>True or false: stretch, hit, estimated.</summary>
    Boolean,

    /// <summary>UTF-8 text, dictionary-encoded where values repeat (codes, names, units).</summary>
    Text,
}
