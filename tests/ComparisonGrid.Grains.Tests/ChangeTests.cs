using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Grains.Tests;

/// <summary>Year-over-year change of a region, on real reports of the dev corpus (Guangdong 2022 and 2023, Shanghai 2020–2022).</summary>
public sealed class ChangeTests
{
    private static string Dev(string name) => Repository.PathOf("tests", "corpus", "dev", "texts", name);

    [Fact]
    public async Task Guangdong_2023_against_2022_lowers_its_retail_and_gdp_targets_with_both_quotes()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Dev("dev-guangdong-2022.txt"), Dev("dev-guangdong-2023.txt"), Dev("dev-guangdong-2021.txt"));
        var changes = await grid.Grains.Region("440000").ChangesAsync(null, 2023);

        Assert.NotNull(changes);
        Assert.Equal((2022, 2023), (changes.From, changes.To));
        var retail = Assert.Single(changes.Targets, t => t.Indicator == "retail_sales_growth");
        Assert.Equal((TargetChangeKind.Lowered, -0.5), (retail.Change, retail.Difference));
        Assert.Equal("社会消费品零售总额增长6.5%", retail.Before!.Quote);
        Assert.Equal("社会消费品零售总额增长6%", retail.After!.Quote);
        // 5.5%左右 → 5%以上: the figure decides, not the comparator.
        Assert.Equal(TargetChangeKind.Lowered, Assert.Single(changes.Targets, t => t.Indicator == "gdp_growth").Change);
        // The same figure with another comparator (3% → 3%左右) is a change, neither higher nor lower.
        Assert.Equal(TargetChangeKind.Changed, Assert.Single(changes.Targets, t => t.Indicator == "cpi").Change);
        // Raised and lowered come first; themes and sections are there.
        Assert.True(changes.Targets.TakeWhile(t => t.Change is TargetChangeKind.Raised or TargetChangeKind.Lowered).Count() >= 2);
        Assert.NotEmpty(changes.ThemesRose);
        Assert.All(changes.ThemesRose, t => Assert.True(t.Change > 0));
        Assert.All(changes.ThemesFell, t => Assert.True(t.Change < 0));
        Assert.Contains("2021年工作回顾", changes.SectionsRemoved);
        Assert.DoesNotContain(changes.SectionsAdded, s => s.Contains("2022年工作回顾", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_year_before_is_the_stored_one_and_a_missing_year_gives_nothing()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Dev("dev-shanghai-2020.txt"), Dev("dev-shanghai-2022.txt"));
        var region = grid.Grains.Region("310000");
        Assert.Equal((2020, 2022), await region.ChangesAsync(null, null) is { } c ? (c.From, c.To) : default);
        Assert.Null(await region.ChangesAsync(2021, 2022));
        Assert.Null(await region.ChangesAsync(null, 2020));
        Assert.Null(await grid.Grains.Region("110000").ChangesAsync(null, null));
    }
}
