using System.Text;

namespace ComparisonGrid.Application.Export.Tables;

/// <summary>A table as the project's CSV (<see cref="TextTable"/> formats and quotes each cell), written as rows come.</summary>
public sealed class CsvTableWriter : ITableWriter
{
    private const int FlushChars = 1 << 20;
    private readonly StreamWriter _writer;
    private readonly StringBuilder _pending = new(TextTable.CsvPreamble);

    public CsvTableWriter(Stream stream, IReadOnlyList<TableColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        TextTable.AppendCsvRow(_pending, columns.Select(c => c.Name));
    }

    public long Rows { get; private set; }

    public async ValueTask AddAsync(IReadOnlyList<object?> row, CancellationToken cancellationToken)
    {
        TextTable.AppendCsvRow(_pending, row);
        Rows++;
        if (_pending.Length >= FlushChars)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writer.WriteAsync(_pending, cancellationToken).ConfigureAwait(false);
        _pending.Clear();
    }
}
