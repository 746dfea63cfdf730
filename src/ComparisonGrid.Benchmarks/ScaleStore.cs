using Npgsql;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// Where a scale bench keeps its data: the SQLite folder or PostgreSQL database given (kept afterwards), or a
/// scratch folder deleted at the end.
/// </summary>
internal sealed class ScaleStore : IAsyncDisposable
{
    private readonly bool _scratch;

    private ScaleStore(string directory, string? postgres, bool scratch)
    {
        Directory = directory;
        Postgres = postgres;
        _scratch = scratch;
    }

    public string Directory { get; }

    public string? Postgres { get; }

    public static ScaleStore Open(IBenchArguments cl)
    {
        var given = cl.Value("--data-dir");
        var directory = given ?? System.IO.Directory.CreateTempSubdirectory("cgrid-scale-").FullName;
        System.IO.Directory.CreateDirectory(directory);
        return new ScaleStore(directory, cl.Value("--postgres"), given is null);
    }

    public async Task<long> SizeAsync(CancellationToken cancellationToken)
    {
        if (Postgres is null)
        {
            return new DirectoryInfo(Directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        }
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public override string ToString() => Postgres is null
        ? $"SQLite in {Directory}"
        : $"PostgreSQL database {new NpgsqlConnectionStringBuilder(Postgres).Database}";

    public ValueTask DisposeAsync()
    {
        if (_scratch)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
