using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Targets;

namespace ComparisonGrid.Analysis.Tests;

public sealed class TargetExtractorTests
{
    private static readonly IndicatorClauseReader Clauses = new(AnalysisResources.Default.Indicators, new FigureReader());
    private static readonly TargetExtractor Extractor = new(Clauses);

    [Fact]
    public void One_sentence_sets_several_targets()
    {
        var t = Extract("主要预期目标是：城乡居民人均可支配收入分别增长7.5%左右、8%左右；财政总收入和地方级财政收入分别增长5%和3.5%左右；城镇居民和农村居民人均可支配收入均增长8%。");
        Assert.Equal(
            [("urban_disposable_income_growth", 7.5, Comparator.About), ("rural_disposable_income_growth", 8, Comparator.About),
             ("fiscal_revenue_growth", 5, Comparator.About), ("local_fiscal_revenue_growth", 3.5, Comparator.About)],
            t.Take(4).Select(x => (x.Indicator, x.Low!.Value, x.Comparator)));
        var both = Extract("主要预期目标是：城镇居民和农村居民人均可支配收入均增长8%。");
        Assert.Equal([("urban_disposable_income_growth", 8.0), ("rural_disposable_income_growth", 8.0)], both.Select(x => (x.Indicator, x.Low!.Value)));
    }

    [Fact]
    public void Comparators_ranges_and_units()
    {
        var t = Extract("主要预期目标为：地区生产总值增长5%-5.5%；一般公共预算收入增长不低于4%；城镇调查失业率控制在5.5%以内；居民消费价格涨幅3%左右；城镇新增就业1.2万人；粮食产量保持在95亿斤以上；单位地区生产总值能耗下降3%。");
        Assert.Equal((Comparator.Range, 5, 5.5), Values(t, "gdp_growth"));
        Assert.Equal((Comparator.AtLeast, 4, 4), Values(t, "public_budget_revenue_growth"));
        Assert.Equal((Comparator.AtMost, 5.5, 5.5), Values(t, "surveyed_unemployment_rate"));
        Assert.Equal((Comparator.About, 3, 3), Values(t, "cpi"));
        Assert.Equal("万人", t.Single(x => x.Indicator == "new_urban_jobs").Unit);
        Assert.Equal(("level", "亿斤"), (t.Single(x => x.Indicator == "grain_output").Metric, t.Single(x => x.Indicator == "grain_output").Unit));
        Assert.Equal("reduction", t.Single(x => x.Indicator == "energy_intensity_reduction").Metric);
        Assert.DoesNotContain(t, x => x.Indicator is "gdp" || (x.Indicator == "gdp_growth" && x.Low == 3));
    }

    [Fact]
    public void Stretch_goals_sit_beside_the_expected_target()
    {
        var t = Extract("主要预期目标是：地区生产总值增长6%以上，固定资产投资增长4%以上。努力实现奋斗目标：地区生产总值增长6.5%，固定资产投资增长6%。重点抓好六个方面工作。");
        Assert.Equal([(6.0, false), (6.5, true)], t.Where(x => x.Indicator == "gdp_growth").Select(x => (x.Low!.Value, x.Stretch)));
        Assert.Equal(4, t.Count);
        var clause = Extract("主要预期目标：地区生产总值增长7%左右，力争8%。");
        Assert.Equal([(7.0, false), (8.0, true)], clause.Select(x => (x.Low!.Value, x.Stretch)));
    }

    [Fact]
    public void Relations_to_economic_growth()
    {
        var t = Extract("主要预期目标是：城镇居民人均可支配收入增速与经济增长同步，农村居民人均可支配收入增速高于经济增长水平。");
        Assert.Equal([("in_step", null, null), ("above", null, null)], t.Select(x => (x.Relation, x.Low, x.Unit)));
        Assert.All(t, x => Assert.Equal(Comparator.Relation, x.Comparator));
        Assert.DoesNotContain(t, x => x.Indicator == "gdp_growth");
    }

    [Fact]
    public void Review_figures_and_five_year_goals_are_not_targets()
    {
        const string text = "一、2021年工作回顾\n全市地区生产总值增长8.5%。今后五年主要目标是：年均经济增速7%左右。\n二、2022年工作安排\n主要预期目标是：固定资产投资增长9%左右。";
        var review = text.IndexOf("二、", StringComparison.Ordinal);
        var t = Extractor.Extract(text, pos => pos < review);
        var only = Assert.Single(t);
        Assert.Equal("fixed_asset_investment_growth", only.Indicator);
        Assert.Empty(Extractor.Extract("主要目标是：年均经济增速7%左右，到2026年地区生产总值达到4000亿元。", _ => false));
        Assert.Empty(Extractor.Extract("主要目标是：到2026年，全市地区生产总值达到4000亿元。", _ => false));
    }

    [Fact]
    public void Quotes_and_offsets_point_at_the_fragment()
    {
        const string text = "今年的主要预期目标是：地区生产总值增长7.5%左右，城镇调查失业率控制在5.5%以内。";
        var gdp = Extract(text)[0];
        Assert.Equal("地区生产总值增长7.5%左右", gdp.Quote);
        Assert.Equal(gdp.Quote, text[gdp.Start..gdp.End]);
    }

    [Fact]
    public void Achievements_come_from_the_review_under_the_same_ids()
    {
        var extractor = new AchievementExtractor(Clauses, AnalysisResources.Default.AchievementScope);
        const string text = "2021年，全县地区生产总值完成78.9亿元，同比增长9.3%；规模以上工业增加值同比增长21.7%；五年来地区生产总值年均增长6%，居民收入是2016年的1.5倍。";
        var a = extractor.Extract(text, [(0, text.Length)], 2022);
        Assert.Equal([("gdp", 78.9, "亿元"), ("gdp_growth", 9.3, "%"), ("industrial_value_added_growth", 21.7, "%")],
            a.Select(x => (x.Indicator, x.Low!.Value, x.Unit!)));
        Assert.All(a, x => Assert.Equal(2021, x.Year));
    }

    [Fact]
    public void Consumer_prices_written_as_an_index_are_read_as_the_rise_they_state()
    {
        var t = Extract("今年经济工作的主要预期目标是：全县生产总值增长9%，居民消费价格总水平涨幅控制在104%左右，城镇登记失业率4.5%以内。");
        var cpi = t.Single(x => x.Indicator == "cpi");
        Assert.Equal((Comparator.About, 4.0, 4.0), (cpi.Comparator, cpi.Low!.Value, cpi.High!.Value));
        Assert.Contains("104%", cpi.Quote, StringComparison.Ordinal);
        Assert.True(CpiIndex.WasIndex(cpi.Indicator, cpi.Low, cpi.Quote));
        var bound = Extract("主要预期目标：居民消费价格指数保持在102.8%以内。").Single();
        Assert.Equal((Comparator.AtMost, 2.8), (bound.Comparator, bound.Low!.Value));
        var rise = Extract("主要预期目标：居民消费价格涨幅3%左右。").Single();
        Assert.False(CpiIndex.WasIndex(rise.Indicator, rise.Low, rise.Quote));
    }

    [Fact]
    public void A_lone_stretch_figure_is_the_target_and_one_beside_the_expected_figure_stays_a_stretch()
    {
        var t = Extract("今年发展的主要目标是：力争全市生产总值增长8.5%。社会消费品零售总额增长10%以上，力争达到12%。");
        Assert.Equal([(8.5, false)], t.Where(x => x.Indicator == "gdp_growth").Select(x => (x.Low!.Value, x.Stretch)));
        Assert.Equal([(10.0, false), (12.0, true)], t.Where(x => x.Indicator == "retail_sales_growth").Select(x => (x.Low!.Value, x.Stretch)));
    }

    [Fact]
    public void Targets_listed_with_a_pause_mark_after_their_qualifier_are_each_read()
    {
        var t = Extract("主要预期目标是：全区生产总值增长6%左右、外贸进出口总额增长3%以上、城镇调查失业率5.5%以内;粮食产量稳定在40万吨。");
        Assert.Equal(["gdp_growth", "trade_growth", "surveyed_unemployment_rate", "grain_output"], t.Select(x => x.Indicator));
        var list = Extract("主要预期目标是：城乡居民人均可支配收入分别增长6%以上、7%以上。");
        Assert.Equal([6.0, 7.0], list.Select(x => x.Low!.Value));
    }

    [Fact]
    public void Goals_of_a_period_named_before_the_trigger_are_not_the_year_s_targets()
    {
        var t = Extract("今后五年，全县经济社会发展的主要目标是：生产总值增长7%以上，居民人均可支配收入增长8%以上。\n"
            + "今年是“十四五”开局之年，经济社会发展的总体目标是：生产总值增长6%左右，居民人均可支配收入增长7%左右。");
        Assert.Equal([("gdp_growth", 6.0), ("disposable_income_growth", 7.0)], t.Select(x => (x.Indicator, x.Low!.Value)));
    }

    [Fact]
    public void Trigger_variants_open_a_passage()
    {
        Assert.Equal(["gdp_growth", "public_budget_revenue_growth"],
            Extract("综合考虑各方面因素，预期今年全区地区生产总值增长6.5%左右，一般公共预算收入增长5%。").Select(x => x.Indicator));
        Assert.Equal(["gdp_growth", "energy_intensity_reduction"],
            Extract("经济社会发展的预期目标和约束性指标是：生产总值增长7%左右；单位生产总值能耗下降2.5%。").Select(x => x.Indicator));
    }

    [Fact]
    public void A_passage_runs_across_blank_lines_indents_and_one_target_a_line_and_keeps_its_groups()
    {
        const string text = "今年全市经济社会发展的主要预期目标是：\n\n" +
            "　　预期性指标：\n" +
            "　　——全市生产总值增长 6.5% 左右；\n" +
            "　　——固定资产投资增长8%；\n\n" +
            "　　约束性指标：\n" +
            "　　1.单位地区生产总值能耗下降3%；\n" +
            "　　2.城镇登记失业率控制在4.5%以内。\n" +
            "　　实现上述目标，必须坚持稳中求进。\n" +
            "　　（一）扩大有效投资。全年固定资产投资增长12%。";
        var t = Extract(text);
        Assert.Equal(
            [("gdp_growth", 6.5, "expected"), ("fixed_asset_investment_growth", 8, "expected"),
             ("energy_intensity_reduction", 3, "binding"), ("registered_unemployment_rate", 4.5, "binding")],
            t.Select(x => (x.Indicator, x.Low!.Value, x.Group)));
    }

    private static List<Target> Extract(string text) => [.. Extractor.Extract(text, _ => false)];

    private static (Comparator, double, double) Values(List<Target> t, string id)
    {
        var x = t.Single(y => y.Indicator == id);
        return (x.Comparator, x.Low!.Value, x.High!.Value);
    }
}
