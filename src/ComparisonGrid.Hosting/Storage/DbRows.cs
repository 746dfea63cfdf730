using System.Data.Common;

namespace ComparisonGrid.Hosting.Storage;

/// <summary>Every row of a query, mapped; one loop for the SQLite and PostgreSQL providers and the membership table.</summary>
internal static class DbRows
{
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }
        return rows;
    }
}
