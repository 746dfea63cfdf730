using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains.Tests;

/// <summary>
/// Data directories written by earlier builds, committed as fixtures: the last release before Orleans (state as JSON,
/// with one report moved by a user's correction) and the first on Orleans (MessagePack). Every build must serve them.
/// </summary>
public sealed class StoreUpgradeTests
{
    // The sample reports; the store before Orleans has 140826/2022 moved to 140900/2022 by PUT .../region.
    private static readonly (string Code, int Year)[] Samples =
    [
        ("350200", 2019), ("120110", 2022), ("120119", 2022), ("130000", 2022), ("140826", 2022), ("141000", 2022), ("210000", 2022),
        ("420600", 2022), ("429006", 2022), ("431000", 2022), ("610400", 2022), ("630000", 2022), ("140600", 2024), ("140800", 2024),
    ];

    public static TheoryData<string, bool> Stores() => new() { { "store-before-orleans", true }, { "store-orleans-10.4", false } };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Every_report_and_correction_of_an_earlier_store_is_served_and_the_same_files_change_nothing(string fixture, bool corrected)
    {
        var dir = Directory.CreateTempSubdirectory("cgrid-upgrade-").FullName;
        File.Copy(Path.Combine(Grid.Fixture(fixture), "grains.db"), Path.Combine(dir, "grains.db"));
        await using var grid = await Grid.StartAsync(dir);
        await AssertEverySampleServedAsync(grid, corrected);

        // The same files again: the correction still decides where the moved one goes, and nothing is new or replaced.
        var (code0, output, _) = await grid.IngestAsync(Grid.Samples);
        Assert.Equal(0, code0);
        Assert.Contains("0 new, 0 replaced, 14 unchanged", output, StringComparison.Ordinal);
    }

    /// <summary>Every sample report is served as stored (the corrected one where the user moved it), listed, and compared.</summary>
    internal static async Task AssertEverySampleServedAsync(Grid grid, bool corrected)
    {
        var expected = Samples.Select(s => corrected && s == ("140826", 2022) ? ("140900", 2022) : s).ToList();

        foreach (var (code, year) in expected)
        {
            var stored = await grid.Grains.Report(code, year).GetAsync(withText: true);
            Assert.NotNull(stored);
            Assert.Equal(code, stored.Report.Region!.Code);
            Assert.NotEmpty(stored.Report.Targets);
            Assert.False(string.IsNullOrEmpty(stored.SourceText));
            Assert.Equal(1, stored.Version);
        }
        var listed = (await grid.Grains.RegionCatalog().ListAsync(null, null)).SelectMany(e => e.Years.Select(y => (e.Region.Code, y))).Order().ToList();
        Assert.Equal(expected.Order().ToList(), listed);
        if (corrected)
        {
            Assert.Null(await grid.Grains.Report("140826", 2022).GetAsync());
            Assert.Contains(QualityFlags.RegionCorrected, (await grid.Grains.Report("140900", 2022).GetAsync())!.Report.Flags);
        }
        var comparison = await grid.Grains.Comparison(new ComparisonSpec(ComparisonKind.Indicator, 2022, RegionLevel.Province, null, "gdp_growth")).GetAsync();
        Assert.Equal(["130000", "210000", "630000"], comparison.Rows!.Select(r => r.Region.Code).Order());
    }
}
