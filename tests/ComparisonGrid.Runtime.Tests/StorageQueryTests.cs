using ComparisonGrid.Runtime.Storage;
using ComparisonGrid.TestKit;
using Microsoft.Data.Sqlite;

namespace ComparisonGrid.Runtime.Tests;

/// <summary>
/// The reads catalogs rebuild from, the same on every provider: a year's states by the key's last segment (code/year),
/// a region's by the key's prefix; and an SQLite store made before schema versions keeps every row when upgraded.
/// </summary>
public sealed class StorageQueryTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly string[] Keys = ["110000/2023", "110000/2024", "110101/2024", "1101/2024", "110000/12024", "2024", "x/2024/a"];

    [Fact]
    public Task Sqlite_reads_by_last_segment_and_by_prefix() => WithSqliteAsync(Check);

    [Fact]
    public Task Memory_reads_by_last_segment_and_by_prefix() => Check(new MemoryGrainStorage());

    [Fact]
    public async Task Postgres_reads_by_last_segment_and_by_prefix()
    {
        await using var storage = await PostgresGrainStorage.OpenAsync(server.ConnectionString(), default);
        await Check(storage);
    }

    [Fact]
    public async Task An_sqlite_store_from_before_schema_versions_keeps_every_row_and_etag()
    {
        var directory = Directory.CreateTempSubdirectory("cgrid-upgrade-").FullName;
        try
        {
            var path = Path.Combine(directory, "grains.db");
            await using (var old = new SqliteConnection($"Data Source={path}"))
            {
                await old.OpenAsync();
                await using var create = old.CreateCommand();
                // The schema every store had before it carried a version.
                create.CommandText = """
                    PRAGMA journal_mode = WAL;
                    CREATE TABLE grain_state (state_type TEXT NOT NULL, grain_key TEXT NOT NULL, etag INTEGER NOT NULL, json TEXT NOT NULL,
                        updated_at TEXT NOT NULL, PRIMARY KEY (state_type, grain_key)) WITHOUT ROWID;
                    INSERT INTO grain_state VALUES ('report.facts', '110000/2024', 3, '{"Facts":1}', '2026-01-01');
                    INSERT INTO grain_state VALUES ('report.facts', '130000/2024', 1, '{"Facts":2}', '2026-01-01');
                    """;
                await create.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();
            var storage = await SqliteGrainStorage.OpenAsync(directory, default);
            Assert.Equal(["110000/2024", "130000/2024"], (await storage.ReadByLastSegmentAsync("report.facts", "2024", default)).Select(s => s.Key).Order(StringComparer.Ordinal));
            var stored = await storage.ReadAsync("report.facts", "110000/2024", default);
            Assert.Equal("{\"Facts\":1}", stored!.Json);
            // The etag carried over: a write with it succeeds, a write without it is refused.
            var next = await storage.WriteAsync("report.facts", "110000/2024", "{\"Facts\":3}", stored.Etag, default);
            await Assert.ThrowsAsync<Core.InconsistentStateException>(() => storage.WriteAsync("report.facts", "110000/2024", "{}", null, default));
            SqliteConnection.ClearAllPools();
            // Opening again finds the current schema and changes nothing.
            var again = await SqliteGrainStorage.OpenAsync(directory, default);
            Assert.Equal(next, (await again.ReadAsync("report.facts", "110000/2024", default))!.Etag);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task WithSqliteAsync(Func<IGrainStorage, Task> check)
    {
        var directory = Directory.CreateTempSubdirectory("cgrid-storage-").FullName;
        try
        {
            await check(await SqliteGrainStorage.OpenAsync(directory, default));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task Check(IGrainStorage storage)
    {
        // A type of its own per run: the PostgreSQL server is shared by the test classes.
        var type = $"probe{Guid.NewGuid():N}.facts";
        foreach (var key in Keys)
        {
            await storage.WriteAsync(type, key, $"{{\"Key\":\"{key}\"}}", null, default);
        }
        await storage.WriteAsync($"other{Guid.NewGuid():N}.facts", "110000/2024", "{}", null, default);

        Assert.Equal(["110000/2024", "1101/2024", "110101/2024", "2024"],
            (await storage.ReadByLastSegmentAsync(type, "2024", default)).Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["110000/12024"], (await storage.ReadByLastSegmentAsync(type, "12024", default)).Select(s => s.Key));
        Assert.Equal(["x/2024/a"], (await storage.ReadByLastSegmentAsync(type, "a", default)).Select(s => s.Key));

        Assert.Equal(["110000/12024", "110000/2023", "110000/2024"],
            (await storage.ReadPrefixAsync(type, "110000/", default)).Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["1101/2024"], (await storage.ReadPrefixAsync(type, "1101/", default)).Select(s => s.Key));
        var json = (await storage.ReadPrefixAsync(type, "110101/", default)).Single().Json;
        Assert.Contains("110101/2024", json, StringComparison.Ordinal);
    }
}
