namespace ComparisonGrid.Application.Export.Tables;

/// <summary>How an exported table is written to its file.</summary>
public enum TableFormat
{
    /// <summary>Apache Parquet: typed columns, zstd-compressed, strings dictionary-encoded; pandas, R arrow, polars and DuckDB read it in one line.</summary>
    Parquet,

    /// <summary>The project's CSV: UTF-8 with a BOM, RFC 4180, formula-like cells defused.</summary>
    Csv,
}

public static class TableFormats
{
    public static string Extension(this TableFormat format) => format == TableFormat.Parquet ? ".parquet" : ".csv";

    public static string ContentType(this TableFormat format) => format == TableFormat.Parquet ? "application/vnd.apache.parquet" : "text/csv; charset=utf-8";

    /// <summary>The format a user named (parquet, csv); an ArgumentException names what is accepted.</summary>
    public static TableFormat Parse(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "parquet" => TableFormat.Parquet,
        "csv" => TableFormat.Csv,
        _ => throw new ArgumentException($"the format is parquet or csv, not '{name}'"),
    };

    /// <summary>A writer of one table in the format, streaming to <paramref name="stream"/>, which it leaves open.</summary>
    public static async Task<ITableWriter> CreateWriterAsync(this TableFormat format, Stream stream, IReadOnlyList<TableColumn> columns, CancellationToken cancellationToken) =>
        format == TableFormat.Parquet
            ? await ParquetTableWriter.CreateAsync(stream, columns, cancellationToken).ConfigureAwait(false)
            : new CsvTableWriter(stream, columns);

    /// <summary>A whole table in the format, as bytes (a comparison's answer).</summary>
    public static async Task<byte[]> BytesAsync(this TableFormat format, TextTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var buffer = new MemoryStream();
        await using (var writer = await format.CreateWriterAsync(buffer, TableColumn.Of(table), cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in table.Rows)
            {
                await writer.AddAsync(row, cancellationToken).ConfigureAwait(false);
            }
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        return buffer.ToArray();
    }
}
