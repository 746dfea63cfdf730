using ComparisonGrid.Hosting;

namespace ComparisonGrid.Cli.Tests;

/// <summary>A grid that cannot run as configured is refused at start in one line naming what is wrong, not left hanging.</summary>
public sealed class GridHostTests
{
    [Fact]
    public async Task A_PostgreSQL_that_cannot_be_reached_is_refused_naming_it_and_no_data_directory_is_written()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"cgrid-refused-{Guid.NewGuid():N}");
        var e = await Assert.ThrowsAsync<GridConfigurationException>(() =>
            GridHost.StartAsync(dir, CancellationToken.None, postgres: "Host=127.0.0.1;Port=1;Database=grid;Timeout=2"));
        Assert.StartsWith("PostgreSQL at 127.0.0.1:1/grid cannot be used: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(Directory.Exists(dir));
    }
}
