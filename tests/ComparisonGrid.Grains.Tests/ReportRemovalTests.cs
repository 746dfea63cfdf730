using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains.Tests;

/// <summary>A report moved away by a correction leaves its key, its region and both catalogs, and removing twice is harmless.</summary>
public sealed class ReportRemovalTests
{
    [Fact]
    public async Task A_removed_report_is_gone_from_its_key_region_and_catalogs_and_a_repeat_changes_nothing()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Grid.Samples);
        var spec = new ComparisonSpec(ComparisonKind.Indicator, 2024, RegionLevel.Prefecture, null, "gdp_growth");
        Assert.Contains((await grid.Grains.Comparison(spec).GetAsync()).Rows!, r => r.Region.Code == "140800");

        await grid.Grains.Report("140800", 2024).RemoveAsync();
        await grid.Grains.Report("140800", 2024).RemoveAsync();

        Assert.Null(await grid.Grains.Report("140800", 2024).GetAsync());
        Assert.DoesNotContain(await grid.Grains.YearCatalog(2024).MembersAsync(null, null), m => m.Region.Code == "140800");
        Assert.DoesNotContain(await grid.Grains.RegionCatalog().ListAsync(null, null), e => e.Region.Code == "140800");
        Assert.Null(await grid.Grains.Region("140800").GetAsync());
        Assert.DoesNotContain((await grid.Grains.Comparison(spec).GetAsync()).Rows!, r => r.Region.Code == "140800");
    }

    [Fact]
    public async Task Regions_rebuild_their_years_from_the_stored_reports_after_a_restart_and_a_removed_one_stays_gone()
    {
        var first = await Grid.StartAsync();
        try
        {
            await first.IngestAsync(Grid.Samples, ComparisonGrid.TestKit.Repository.PathOf("tests", "corpus", "dev", "texts"));
            await first.Grains.Report("140800", 2024).RemoveAsync();
            await first.StopAsync();

            await using var again = await Grid.StartAsync(first.DataDirectory);
            var catalog = await again.Grains.RegionCatalog().ListAsync(null, null);
            Assert.Contains(catalog, e => e.Years.Count > 1);
            foreach (var entry in catalog)
            {
                var region = await again.Grains.Region(entry.Region.Code).GetAsync();
                Assert.NotNull(region);
                Assert.Equal(entry.Years.Order(), region.Years.Order());
            }
            Assert.Null(await again.Grains.Region("140800").GetAsync());
        }
        finally
        {
            await first.DisposeAsync();
        }
    }
}
