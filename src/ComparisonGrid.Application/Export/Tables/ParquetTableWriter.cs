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
    public const long RowGroupTextChars = 32L * 1024 * 1024;

    private readonly ParquetWriter _writer;
    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly DataField[] _fields;
    private readonly List<object?>[] _buffers;
    private long _bufferedChars;
    private int _buffered;

    private ParquetTableWriter(ParquetWriter writer, IReadOnlyList<TableColumn> columns, DataField[] fields)
    {
        _writer = writer;
        _columns = columns;
        _fields = fields;
        _buffers = [.. columns.Select(_ => new List<object?>())];
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
            _buffers[i].Add(row[i]);
            if (row[i] is string text)
            {
                _bufferedChars += text.Length;
            }
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
                var cells = _buffers[i];
                switch (_columns[i].Type)
                {
                    case ColumnType.Whole:
                        await group.WriteAsync<int>(_fields[i], cells.Select(c => c is null ? (int?)null : Convert.ToInt32(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                            cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case ColumnType.Number:
                        await group.WriteAsync<double>(_fields[i], cells.Select(c => c is null ? (double?)null : Convert.ToDouble(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                            cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case ColumnType.Boolean:
                        await group.WriteAsync<bool>(_fields[i], cells.Select(c => (bool?)c).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await group.WriteAsync(_fields[i], cells.Select(Text).ToArray()).ConfigureAwait(false);
                        break;
                }
                cells.Clear();
            }
            group.CompleteValidate();
        }
        _buffered = 0;
        _bufferedChars = 0;
    }

    private static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };
}
