using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.Comparisons;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains.Tests;

public sealed class ComparisonRuleTests
{
    private static Target Target(string indicator, string metric, Comparator comparator, double low, double high, string unit = "%") =>
        new(indicator, "label", metric, comparator, low, high, unit, false, "quote", 0, 5);

    private static Achievement Achieved(string indicator, double value, int year, string unit = "%") =>
        new(indicator, "label", year, "growth", Comparator.Exact, value, value, unit, "achieved quote", 0, 5);

    [Theory]
    [InlineData(Comparator.About, "growth", 6.0, 6.0, 6.3, true)]
    [InlineData(Comparator.AtLeast, "growth", 6.0, 6.0, 5.9, false)]
    [InlineData(Comparator.Range, "growth", 5.0, 5.5, 5.2, true)]
    [InlineData(Comparator.AtMost, "rate", 5.5, 5.5, 5.6, false)]
    [InlineData(Comparator.About, "rate", 3.0, 3.0, 2.1, true)]
    [InlineData(Comparator.About, "rate", 3.0, 3.0, 3.4, false)]
    public void Targets_are_hit_by_their_direction(Comparator comparator, string metric, double low, double high, double achieved, bool hit) =>
        Assert.Equal(hit, Attainment.IsHit(Target("x", metric, comparator, low, high), Achieved("x", achieved, 2022)));

    [Fact]
    public void Relations_and_other_units_are_not_judged()
    {
        var relation = new Target("x", "label", "growth", Comparator.Relation, null, null, null, false, "q", 0, 1, "in_step", "gdp_growth");
        Assert.Null(Attainment.IsHit(relation, Achieved("x", 5, 2022)));
        Assert.Null(Attainment.IsHit(Target("x", "level", Comparator.Exact, 100, 100, "亿元"), Achieved("x", 5, 2022, "%")));
        Assert.Null(Attainment.IsHit(Target("x", "growth", Comparator.About, 6, 6), null));
    }

    [Fact]
    public void Quantities_convert_within_their_kind_only()
    {
        Assert.Equal(40000, Units.Convert(4, "万亿元", "亿元"));
        Assert.Equal(1.2, Units.Convert(12000, "人", "万人"));
        Assert.Null(Units.Convert(4, "万亿元", "%"));
        Assert.Null(Units.Convert(4, "万吨", "万人"));
    }

    [Fact]
    public void Statistics_use_the_midpoint_median_and_population_deviation()
    {
        var s = Statistics.Summarise([5, 6, 7, 8]);
        Assert.Equal((4, 6.5, 6.5, 5.0, 8.0), (s.N, s.Mean!.Value, s.Median!.Value, s.Min!.Value, s.Max!.Value));
        Assert.Equal(1.118, s.Std!.Value, 3);
        Assert.Equal(0, Statistics.Summarise([]).N);
    }

    [Fact]
    public void Indicator_rows_rank_by_value_with_ranges_at_their_midpoint_and_relations_last()
    {
        ReportFacts Facts(string code, string name, params Target[] targets) => new(
            new RegionRef(name, code, RegionLevel.Province, name, code, "100000"), 2022, 1, null, targets, [], [], [], 1000);
        var relation = new Target("gdp_growth", "l", "growth", Comparator.Relation, null, null, null, false, "q", 0, 1, "in_step", "gdp_growth");
        var (rows, stats) = IndicatorComparison.Compare(new ComparisonSpec(ComparisonKind.Indicator, 2022, Indicator: "gdp_growth"),
        [
            Facts("110000", "甲", Target("gdp_growth", "growth", Comparator.Range, 5, 6)),
            Facts("120000", "乙", Target("gdp_growth", "growth", Comparator.About, 6, 6)),
            Facts("130000", "丙", relation),
            Facts("140000", "丁", Target("cpi", "rate", Comparator.About, 3, 3)),
        ]);
        Assert.Equal(new[] { "乙", "甲", "丙" }, rows.Select(r => r.Region.Name));
        Assert.Equal(5.5, rows[1].Value);
        Assert.Null(rows[2].Value);
        Assert.Equal((2, 5.75), (stats.N, stats.Mean!.Value));
    }

    [Fact]
    public void Comparison_keys_are_canonical_and_round_trip()
    {
        var spec = new ComparisonSpec(ComparisonKind.Attainment, 2022, RegionLevel.County, "140000", "gdp_growth");
        Assert.Equal("attainment/gdp_growth/2022/county/140000/target", spec.ToKey());
        Assert.Equal(spec, ComparisonSpec.FromKey(spec.ToKey()));
        Assert.Equal(new[] { 2022, 2023 }, spec.Years);
        Assert.Throws<FormatException>(() => ComparisonSpec.FromKey("indicator/gdp/20x2/-/-/target"));
    }

    [Fact]
    public async Task A_region_series_sets_each_target_beside_the_next_report_achieved_figure()
    {
        await using var grid = await Grid.StartAsync();
        var region = new RegionRef("宁乡市", "430182", RegionLevel.County, "湖南省", "430000", "430100");
        ReportFacts Facts(int year, Target[] targets, Achievement[] achieved) => new(region, year, 1, null, targets, achieved, [], [], 1000);
        var grain = grid.Grains.GetGrain<IRegionGrain>("430182");
        await grain.UpdateAsync(Facts(2022, [Target("gdp_growth", "growth", Comparator.About, 6.5, 6.5)], [Achieved("gdp_growth", 7, 2021)]));
        await grain.UpdateAsync(Facts(2023, [Target("gdp_growth", "growth", Comparator.About, 6, 6)], [Achieved("gdp_growth", 4.9, 2022)]));
        var view = await grain.GetAsync();
        Assert.Equal(new[] { 2022, 2023 }, view!.Years);
        var points = Assert.Single(view.Series).Points;
        Assert.Equal(new[] { 2021, 2022, 2023 }, points.Select(p => p.Year));
        Assert.Equal((6.5, 4.9, (bool?)false), (points[1].Target!.Value!.Value, points[1].Achieved!.Value!.Value, points[1].Hit));
        Assert.Null(points[2].Achieved);
        Assert.Null(points[0].Target);
    }
}
