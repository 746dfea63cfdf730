namespace ComparisonGrid.Application.Export.Tables;

/// <summary>
/// Writes one table row by row, holding at most a row group in memory, so exporting a store of any size takes the
/// memory of one group per table. <see cref="CompleteAsync"/> writes what is left and the file's footer.
/// </summary>
public interface ITableWriter : IAsyncDisposable
{
    /// <summary>Rows written so far.</summary>
    long Rows { get; }

    /// <param name="row">One cell per column, in column order; null is an empty cell.</param>
    ValueTask AddAsync(IReadOnlyList<object?> row, CancellationToken cancellationToken);

    Task CompleteAsync(CancellationToken cancellationToken);
}
