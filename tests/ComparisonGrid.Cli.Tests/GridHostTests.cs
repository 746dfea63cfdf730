using ComparisonGrid.Hosting;

namespace ComparisonGrid.Cli.Tests;

/// <summary>A grid this build cannot run is refused at start with a message naming the option, not ignored.</summary>
public sealed class GridHostTests
{
    [Fact]
    public async Task A_postgres_store_is_refused_by_name_and_no_data_directory_is_written()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"cgrid-refused-{Guid.NewGuid():N}");
        var e = await Assert.ThrowsAsync<GridConfigurationException>(() => GridHost.StartAsync(dir, CancellationToken.None, postgres: "Host=127.0.0.1;Port=1"));
        Assert.Contains("--postgres", e.Message, StringComparison.Ordinal);
        Assert.Contains("embedded SQLite", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }
}
