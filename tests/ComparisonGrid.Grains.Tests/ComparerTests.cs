using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.Comparisons;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains.Tests;

/// <summary>
/// Every comparison kind on a handful of made-up regions whose expected rows are worked out by hand in the
/// comments, so a reversed order, a flipped sign or a negated verdict fails here.
/// </summary>
public sealed class ComparerTests
{
    private static RegionRef Region(string code, string name, RegionLevel level, string? parent) =>
        new(name, code, level, null, code[..2] + "0000", parent);

    private static Target Growth(string indicator, double value, Comparator comparator = Comparator.About) =>
        new(indicator, "label", "growth", comparator, value, value, "%", false, "quote", 0, 1);

    private static ReportFacts Facts(RegionRef region, int year, Target[]? targets = null, Achievement[]? achieved = null, ThemeScore[]? themes = null) =>
        new(region, year, 1, null, targets ?? [], achieved ?? [], themes ?? [], [], 10_000);

    private static readonly RegionRef Province = Region("140000", "山西省", RegionLevel.Province, "100000");
    private static readonly RegionRef City = Region("140800", "运城市", RegionLevel.Prefecture, "140000");
    private static readonly RegionRef County = Region("140826", "绛县", RegionLevel.County, "140800");

    [Fact]
    public void Hierarchy_gap_is_the_region_minus_its_parent()
    {
        // Province 5, city 6, county 8: the city is 1 above the province, the county 2 above the city.
        var all = new[] { Facts(Province, 2024, [Growth("gdp_growth", 5)]), Facts(City, 2024, [Growth("gdp_growth", 6)]), Facts(County, 2024, [Growth("gdp_growth", 8)]) };
        var rows = HierarchyComparer.Rows("gdp_growth", all, all.ToDictionary(f => f.Region.Code));
        Assert.Equal([("140000", (double?)null), ("140800", 1.0), ("140826", 2.0)], rows.Select(r => (r.Region.Code, r.Gap)));
        Assert.Equal("140800", rows[2].Parent!.Code);
    }

    [Fact]
    public void Attainment_judges_each_target_by_the_next_year_s_figure()
    {
        // City: at least 6, achieved 6.5 → hit. County: about 8, achieved 5 → missed. Province: no next report → no verdict.
        var targets = new[]
        {
            Facts(Province, 2023, [Growth("gdp_growth", 5)]),
            Facts(City, 2023, [Growth("gdp_growth", 6, Comparator.AtLeast)]),
            Facts(County, 2023, [Growth("gdp_growth", 8)]),
        };
        Achievement Achieved(double v) => new("gdp_growth", "label", 2023, "growth", Comparator.Exact, v, v, "%", "q", 0, 1);
        var next = new[] { Facts(City, 2024, achieved: [Achieved(6.5)]), Facts(County, 2024, achieved: [Achieved(5)]) }.ToDictionary(f => f.Region.Code);
        var rows = AttainmentComparer.Rows("gdp_growth", 2023, targets, next);
        Assert.Equal([("140000", (bool?)null), ("140800", true), ("140826", false)], rows.Select(r => (r.Region.Code, r.Hit)));
        Assert.Equal(6.5, rows[1].Achieved!.Low);
    }

    [Fact]
    public void Themes_rank_regions_by_intensity_highest_first()
    {
        ThemeScore Score(double per10K, int hits) => new("rural_revitalization", "乡村振兴", hits, per10K, []);
        var members = new[] { Facts(Province, 2024, themes: [Score(3.1, 14)]), Facts(City, 2024, themes: [Score(7.5, 30)]), Facts(County, 2024, themes: [Score(1.2, 4)]) };
        var ranking = Assert.Single(ThemeComparer.Compare(members).Rankings);
        Assert.Equal([(1, "140800", 7.5), (2, "140000", 3.1), (3, "140826", 1.2)], ranking.Ranks.Select(r => (r.Rank, r.Region.Code, r.Per10K)));
    }

    [Fact]
    public void Provinces_rank_by_the_mean_of_their_rows_highest_first_and_empty_ones_last()
    {
        IndicatorRow Row(string code, double? value) => new(0, Region(code, code, RegionLevel.Prefecture, code[..2] + "0000"), Comparator.About, value, value, "%", false, "q", value);
        // 14: mean (5 + 7) / 2 = 6; 41: mean 6.5; 13: one row without a value.
        var rows = ProvinceRollup.Rows([Row("140100", 5), Row("140200", 7), Row("410100", 6.5), Row("130100", null)]);
        Assert.Equal([(1, "410000", (double?)6.5), (2, "140000", 6.0), (3, "130000", null)], rows.Select(r => (r.Rank, r.ProvinceCode, r.Mean)));
        Assert.Equal(2, rows[1].Count);
    }
}
