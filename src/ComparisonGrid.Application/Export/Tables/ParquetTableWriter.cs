using Parquet;
using Parquet.Schema;

namespace ComparisonGrid.Application.Export.Tables;

/// <summary>
/// A table as Apache Parquet (Parquet.Net): one typed, nullable column per table column, zstd-compressed, strings
/// dictionary-encoded where they repeat. Rows are buffered per column and written as a row group every
/// <see cref="RowGroupRows"/> rows, or sooner when the buffered text passes <see cref="RowGroupTextChars"/>, so memory
/// does not grow with the table.
/// </summary>
public sealed class ParquetTableWriter : ITableWriter
{
    /// <summary>Rows per row group: readers skip and parallelise by group, and a few hundred thousand rows keeps them few.</summary>
    public const int RowGroupRows = 250_000;

    /// <summary>Characters of text buffered before a group is written whatever its row count (long quotes).</summary>
    public const long RowGroupTextChars = 8L * 1024 * 1024;

    private readonly ParquetWriter _writer;
    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly DataField[] _fields;
    private readonly ColumnBuffer[] _buffers;
    private long _bufferedChars;
    private int _buffered;

    private ParquetTableWriter(ParquetWriter writer, IReadOnlyList<TableColumn> columns, DataField[] fields)
    {
        _writer = writer;
        _columns = columns;
        _fields = fields;
        _buffers = [.. columns.Select(c => ColumnBuffer.For(c.Type))];
    }

    public long Rows { get; private set; }

    public static async Task<ParquetTableWriter> CreateAsync(Stream stream, IReadOnlyList<TableColumn> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        DataField[] fields = [.. columns.Select(Field)];
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Zstd };
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options, append: false, cancellationToken).ConfigureAwait(false);
        return new ParquetTableWriter(writer, columns, fields);
    }

    public async ValueTask AddAsync(IReadOnlyList<object?> row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Count != _columns.Count)
        {
            throw new ArgumentException($"a row of {row.Count} cells for a table of {_columns.Count} columns");
        }
        for (var i = 0; i < row.Count; i++)
        {
            _bufferedChars += _buffers[i].Add(row[i]);
        }
        _buffered++;
        Rows++;
        if (_buffered >= RowGroupRows || _bufferedChars >= RowGroupTextChars)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        // A table without rows still gets a group: every reader then sees its columns and types.
        if (_buffered > 0 || Rows == 0)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static DataField Field(TableColumn column) => column.Type switch
    {
        ColumnType.Whole => new DataField<int?>(column.Name),
        ColumnType.Number => new DataField<double?>(column.Name),
        ColumnType.Boolean => new DataField<bool?>(column.Name),
        _ => new DataField<string>(column.Name, nullable: true),
    };

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        using (var group = _writer.CreateRowGroup())
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                await _buffers[i].WriteAsync(group, _fields[i], cancellationToken).ConfigureAwait(false);
            }
            group.CompleteValidate();
        }
        _buffered = 0;
        _bufferedChars = 0;
    }

    /// <summary>One column's cells of the group being gathered, unboxed into the type the column stores.</summary>
    private abstract class ColumnBuffer
    {
        public static ColumnBuffer For(ColumnType type) => type switch
        {
            ColumnType.Whole => new Values<int>(c => Convert.ToInt32(c, System.Globalization.CultureInfo.InvariantCulture)),
            ColumnType.Number => new Values<double>(c => Convert.ToDouble(c, System.Globalization.CultureInfo.InvariantCulture)),
            ColumnType.Boolean => new Values<bool>(c => (bool)c),
            _ => new Texts(),
        };

        /// <returns>The characters of text it added (for the group's bound on buffered text).</returns>
        public abstract int Add(object? cell);

        public abstract Task WriteAsync(ParquetRowGroupWriter group, DataField field, CancellationToken cancellationToken);
    }

    private sealed class Values<T>(Func<object, T> convert) : ColumnBuffer where T : struct
    {
        private readonly List<T?> _cells = [];

        public override int Add(object? cell)
        {
            _cells.Add(cell is null ? null : convert(cell));
            return 0;
        }

        public override async Task WriteAsync(ParquetRowGroupWriter group, DataField field, CancellationToken cancellationToken)
        {
            await group.WriteAsync<T>(field, _cells.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            _cells.Clear();
        }
    }

    private sealed class Texts : ColumnBuffer
    {
        private readonly List<string?> _cells = [];

        public override int Add(object? cell)
        {
            var text = Text(cell);
            _cells.Add(text);
            return text?.Length ?? 0;
        }

        public override async Task WriteAsync(ParquetRowGroupWriter group, DataField field, CancellationToken cancellationToken)
        {
            await group.WriteAsync(field, _cells.ToArray()).ConfigureAwait(false);
            _cells.Clear();
        }
    }

    private static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };
}
