using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Tests;

/// <summary>Target passages in every form, indicators under their other names, and the review's figures.</summary>
public sealed class PassageTests
{
    private const string Head = "2024年北京市人民政府工作报告\n各位代表：\n一、2023年工作回顾\n";

    private static Report Parse(string text) => TestData.ParseText(text);

    private static (Comparator, double?, double?) Target(Report r, string id)
    {
        var t = Assert.Single(r.Targets, t => t.Indicator == id && !t.Stretch);
        return (t.Comparator, t.Low, t.High);
    }

    [Theory]
    [InlineData("今年经济社会发展的主要预期目标是：")]
    [InlineData("全区经济社会发展的预期目标是：")]
    [InlineData("2024年经济社会发展预期目标是：")]
    [InlineData("全省经济社会发展主要目标是：")]
    [InlineData("综合各方面因素，建议今年全市经济社会发展的主要预期目标是：")]
    [InlineData("今年的主要指标安排是：")]
    public void Every_trigger_form_opens_the_passage(string trigger)
    {
        var r = Parse(Head + "去年全市地区生产总值增长5.2%。\n二、2024年工作安排\n" + trigger + "地区生产总值增长5%左右，居民消费价格涨幅3%左右。\n");
        Assert.Equal((Comparator.About, 5, 5), Target(r, "gdp_growth"));
        Assert.Equal((Comparator.About, 3, 3), Target(r, "cpi"));
    }

    [Theory]
    [InlineData("今年经济增长的预期目标为7%左右，居民消费价格涨幅控制在3%左右。", "gdp_growth", 7)]
    [InlineData("国内生产总值增长的预期目标定为8%左右。", "gdp_growth", 8)]
    [InlineData("今年经济社会发展的主要目标确定为：地区生产总值增长6%左右。", "gdp_growth", 6)]
    public void An_indicator_before_the_trigger_or_a_trigger_that_fixes_a_figure(string passage, string id, double value)
    {
        var r = Parse(Head + "二、2024年工作安排\n" + passage + "\n");
        Assert.Equal((Comparator.About, value, value), Target(r, id));
    }

    [Fact]
    public void A_doubled_dash_is_a_range()
    {
        var r = Parse(Head + "二、2024年工作安排\n主要预期目标是：地区生产总值增长4.5%——5%。\n");
        Assert.Equal((Comparator.Range, 4.5, 5), Target(r, "gdp_growth"));
    }

    [Fact]
    public void A_one_line_report_after_a_five_year_block_gives_only_the_year_s_targets()
    {
        var text = "2023年北京市人民政府工作报告 各位代表： 一、过去五年工作回顾 五年来，地区生产总值年均增长6.2%。 二、今后五年的主要目标 今后五年的主要目标是：地区生产总值年均增长5.5%，到2027年研发投入强度达到6.5%。 三、2023年主要任务 今年全市经济社会发展的主要预期目标是：全市生产总值增长4.5%以上，城镇调查失业率控制在5%以内。为实现上述目标，要抓好以下工作。";
        var r = Parse(text);
        Assert.Equal((Comparator.AtLeast, 4.5, 4.5), Target(r, "gdp_growth"));
        Assert.Equal((Comparator.AtMost, 5, 5), Target(r, "surveyed_unemployment_rate"));
        Assert.DoesNotContain(r.Targets, t => t.Indicator == "rd_intensity");
    }

    [Fact]
    public void Qualitative_and_unlisted_slots_do_not_end_the_passage()
    {
        var r = Parse(Head + "二、2024年工作安排\n主要预期目标是：地区生产总值增长3.5%左右。固定资产投资扭转下滑态势，实现正增长。城镇化率提高1.5个百分点。城乡常住居民人均可支配收入分别增长7%和8%左右。万元GDP综合能耗下降5.9%。为实现上述目标，我们将抓好以下工作。社会消费品零售总额增长9%。\n");
        Assert.Equal((Comparator.About, 7, 7), Target(r, "urban_disposable_income_growth"));
        Assert.Equal((Comparator.About, 8, 8), Target(r, "rural_disposable_income_growth"));
        Assert.Equal((Comparator.Exact, 5.9, 5.9), Target(r, "energy_intensity_reduction"));
        Assert.DoesNotContain(r.Targets, t => t.Indicator == "retail_sales_growth");
    }

    [Fact]
    public void A_trigger_without_a_readable_target_is_flagged_with_its_offset()
    {
        var text = Head + "二、2024年工作安排\n今年主要预期目标是：经济保持稳定增长，民生持续改善。\n";
        var r = Parse(text);
        Assert.Empty(r.Targets);
        Assert.Contains(QualityFlags.TargetsUnreadable, r.Flags);
        Assert.DoesNotContain(QualityFlags.NoTargets, r.Flags);
        Assert.Equal(text.IndexOf("今年主要预期目标", StringComparison.Ordinal), Assert.Single(r.Quality, q => q.Code == QualityFlags.TargetsUnreadable).Start);
    }

    [Fact]
    public void Indicators_under_their_other_names_and_forms()
    {
        var r = Parse(Head + "二、2024年工作安排\n主要预期目标是：GDP增长4.5%—5%，公共财政预算收入增长7%，全部财政收入增长6%，城镇新增就业2300人，"
            + "城镇调查失业率和城镇登记失业率分别控制在5.5%和4.5%以内，第二产业增加值增长6%、第三产业增加值增长5.5%，"
            + "全社会研发经费支出相当于全市生产总值的比例达到4.2%左右，单位地区生产总值二氧化碳排放降低3.5%，生产总值达450亿元、增长8%。\n");
        Assert.Equal((Comparator.Range, 4.5, 5), Target(r, "gdp_growth"));
        Assert.Equal((Comparator.Exact, 7, 7), Target(r, "public_budget_revenue_growth"));
        Assert.Equal((Comparator.Exact, 6, 6), Target(r, "fiscal_revenue_growth"));
        var jobs = Assert.Single(r.Targets, t => t.Indicator == "new_urban_jobs");
        Assert.Equal((0.23, "万人"), (jobs.Low!.Value, jobs.Unit));
        Assert.Equal((Comparator.AtMost, 5.5, 5.5), Target(r, "surveyed_unemployment_rate"));
        Assert.Equal((Comparator.AtMost, 4.5, 4.5), Target(r, "registered_unemployment_rate"));
        Assert.Equal((Comparator.Exact, 6, 6), Target(r, "secondary_value_added_growth"));
        Assert.Equal((Comparator.Exact, 5.5, 5.5), Target(r, "tertiary_value_added_growth"));
        Assert.Equal((Comparator.About, 4.2, 4.2), Target(r, "rd_intensity"));
        Assert.Equal((Comparator.Exact, 3.5, 3.5), Target(r, "carbon_intensity_reduction"));
        Assert.Equal((Comparator.Exact, 450, 450), Target(r, "gdp"));
    }

    [Fact]
    public void A_report_whose_text_comes_twice_keeps_its_targets_out_of_last_year_s_results()
    {
        var once = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "tests", "corpus", "dev", "texts", "dev-shanghai-2022.txt"));
        var single = Parse(once);
        var twice = Parse(once + "   " + once);
        Assert.Equal(single.Targets.Select(t => (t.Indicator, t.Low)), twice.Targets.Select(t => (t.Indicator, t.Low)));
        Assert.Equal(single.Achievements.Select(a => (a.Indicator, a.Low)).Order(), twice.Achievements.Select(a => (a.Indicator, a.Low)).Order());
    }

    [Fact]
    public void Without_numbered_parts_the_review_is_what_comes_before_the_targets()
    {
        var r = Parse("2024年北京市人民政府工作报告\n各位代表：\n过去一年，全市地区生产总值同比增长6.2%；五年来年均增长7%。\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n");
        Assert.Empty(r.Sections);
        var gdp = Assert.Single(r.Achievements, a => a.Indicator == "gdp_growth");
        Assert.Equal((6.2, 2023), (gdp.Low!.Value, gdp.Year!.Value));
        Assert.Equal((Comparator.About, 6, 6), Target(r, "gdp_growth"));
    }

    [Fact]
    public void Review_figures_negative_estimated_paired_and_whole_region_first()
    {
        var r = Parse(Head + "一季度全市生产总值下降6.7%。临港新片区规模以上工业总产值、全社会固定资产投资总额分别增长22.5%和10.3%。"
            + "全年实现生产总值增长1.7%，地方一般公共预算收入在减税降费的情况下下降1.7%。全市全社会固定资产投资增长13.8%。"
            + "财政总收入144.9亿元、地方财政收入104.6亿元、税收收入64.4亿元，分别增长18.1%、19.7%和17.1%。"
            + "引进国内资金62.63亿元，实际利用外资4602.72万美元，分别增长18.6%和53.5%。预计全市研发经费支出超过380亿元、占地区生产总值比重3.14%。"
            + "五年来地区生产总值年均增长6.2%。\n二、2024年工作安排\n今年主要预期目标是：地区生产总值增长5%左右。\n");
        double? Achieved(string id) => Assert.Single(r.Achievements, a => a.Indicator == id).Low;
        Assert.Equal(1.7, Achieved("gdp_growth"));
        Assert.Equal(-1.7, Achieved("public_budget_revenue_growth"));
        Assert.Equal(13.8, Achieved("fixed_asset_investment_growth"));
        Assert.Equal((18.1, 19.7), (Achieved("fiscal_revenue_growth")!.Value, Achieved("local_fiscal_revenue_growth")!.Value));
        Assert.Equal(53.5, Achieved("foreign_investment_growth"));
        var rd = Assert.Single(r.Achievements, a => a.Indicator == "rd_intensity");
        Assert.Equal((3.14, true), (rd.Low!.Value, rd.Estimated));
        Assert.All(r.Achievements, a => Assert.Equal(2023, a.Year));
        Assert.False(Assert.Single(r.Achievements, a => a.Indicator == "gdp_growth").Estimated);
    }

    [Fact]
    public void A_review_after_another_part_gives_its_summary_figures_and_leaves_out_part_years()
    {
        var r = Parse("2025年某某县人民政府工作报告\n一、发展环境\n当前外部环境复杂严峻。\n二、2024年工作回顾\n"
            + "前三季度全县生产总值增长7.1%，1-11月规模以上工业增加值增长9%。全年全县地区生产总值增长6.8%，一般公共预算收入增长5.2%，"
            + "城乡居民人均可支配收入分别增长5.6%、8.4%。截至11月底，社会消费品零售总额增长6%。\n三、2025年工作安排\n主要预期目标是：地区生产总值增长6%左右。\n");
        Assert.Equal(
            [("gdp_growth", 6.8), ("public_budget_revenue_growth", 5.2), ("urban_disposable_income_growth", 5.6), ("rural_disposable_income_growth", 8.4)],
            r.Achievements.Select(a => (a.Indicator, a.Low!.Value)));
    }

    [Fact]
    public void Clauses_naming_an_indicator_beside_a_figure_that_were_read_as_nothing_are_listed_and_flag_the_report()
    {
        var r = Parse("2021年某某市人民政府工作报告\n一、2020年工作回顾\n全市生产总值增长3.2%，进出口总额增长12%。规上工业增加值占全市工业的比重达到41%，"
            + "社会消费品零售总额占比提高2个百分点，城镇登记失业率占比0.3%。前三季度一般公共预算收入下降4%。\n二、2021年主要任务\n主要预期目标是：地区生产总值增长7%以上。\n"
            + "为实现上述目标，要抓好以下工作。全年进出口增长6%以上，实际利用外资增长5%左右，城镇新增就业3万人以上。\n（一）稳外贸。全年外贸企业增长10%以上。\n");
        Assert.Equal(["industrial_value_added_growth", "retail_sales_growth", "registered_unemployment_rate"],
            r.Unread!.Where(u => u.Part == "review").Select(u => u.Indicators[0]));
        Assert.Equal(["trade_growth", "foreign_investment_growth", "new_urban_jobs"], r.Unread!.Where(u => u.Part == "plan").Select(u => u.Indicators[0]));
        Assert.Contains(QualityFlags.TargetsIncomplete, r.Flags);
        Assert.Contains(QualityFlags.AchievementsIncomplete, r.Flags);
        Assert.Equal("规上工业增加值占全市工业的比重达到41%", r.Unread![0].Quote);
        // Read clauses are not listed: the report's own figures for gdp_growth are not doubted.
        Assert.DoesNotContain(r.Unread!, u => u.Indicators.Contains("gdp_growth"));
    }

    [Fact]
    public void A_component_after_其中_and_a_ranking_are_not_the_indicator_s_whole_region_figure()
    {
        var r = Parse(Head + "一般公共预算收入增长7.4%，其中全区税收收入增长11.2%；城镇居民年人均可支配收入增长5.1%，农村居民家庭人均可支配收入增长6.3%；"
            + "一、二、三产业增加值分别增长3.1%、6.2%和5.4%。\n二、2024年工作安排\n今年主要预期目标是：地区生产总值增长5%左右。\n");
        var ranked = Parse(Head + "财政总收入增长6.6%。收入质量位列全市第三，财政总收入增长8.8%。\n二、2024年工作安排\n今年主要预期目标是：地区生产总值增长5%左右。\n");
        Assert.Equal(6.6, Assert.Single(ranked.Achievements, a => a.Indicator == "fiscal_revenue_growth").Low);
        double? Achieved(string id) => Assert.Single(r.Achievements, a => a.Indicator == id).Low;
        Assert.Equal(7.4, Achieved("public_budget_revenue_growth"));
        Assert.Equal((5.1, 6.3), (Achieved("urban_disposable_income_growth")!.Value, Achieved("rural_disposable_income_growth")!.Value));
        Assert.Equal([3.1, 6.2, 5.4], new[] { "primary_value_added_growth", "secondary_value_added_growth", "tertiary_value_added_growth" }.Select(id => Achieved(id)!.Value));
    }

    [Fact]
    public void A_review_that_is_not_marked_is_what_comes_before_the_targets_and_the_plan()
    {
        var r = Parse("2024年某某县人民政府工作报告\n各位代表：\n一、发展态势\n全县地区生产总值增长6.2%，固定资产投资增长8%。\n"
            + "二、2024年目标任务\n主要预期目标是：地区生产总值增长6%左右。\n三、重点工作\n全年固定资产投资增长10%。\n");
        Assert.Equal([("gdp_growth", 6.2), ("fixed_asset_investment_growth", 8.0)], r.Achievements.Select(a => (a.Indicator, a.Low!.Value)));
    }

    [Theory]
    [InlineData("dev-tongchuan-2010.txt", 28)]
    [InlineData("dev-qiqihaer-2014.txt", 35)]
    public void A_report_wrapped_at_a_fixed_width_reads_as_its_paragraphs(string name, int width)
    {
        var text = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "tests", "corpus", "dev", "texts", name)).Replace("\r\n", "\n", StringComparison.Ordinal);
        // Every paragraph cut into lines of the width, as a PDF-to-text converter writes them: labels and figures break.
        var wrapped = string.Join("\n", text.Split('\n').SelectMany(p => p.Length <= width ? [p] : Enumerable.Range(0, (p.Length + width - 1) / width).Select(i => p.Substring(i * width, Math.Min(width, p.Length - i * width)))));
        Assert.NotEqual(text.Split('\n').Length, wrapped.Split('\n').Length);
        var plain = Parse(text);
        var hard = Parse(wrapped);
        Assert.Equal(plain.Targets.Select(t => (t.Indicator, t.Low, t.High, t.Comparator)), hard.Targets.Select(t => (t.Indicator, t.Low, t.High, t.Comparator)));
        Assert.Equal(plain.Achievements.Select(a => (a.Indicator, a.Low)), hard.Achievements.Select(a => (a.Indicator, a.Low)));
        Assert.Equal(plain.Sections.Select(s => s.Title), hard.Sections.Select(s => s.Title));
        foreach (var t in hard.Targets)
        {
            // Offsets point into the wrapped text as given; the quote is the text between them without the breaks.
            Assert.Equal(t.Quote, wrapped[t.Start..t.End].Replace("\n", "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_summary_before_the_first_part_opens_the_review()
    {
        var r = Parse("2024年某某市人民政府工作报告\n各位代表：\n过去一年，全市地区生产总值增长5.8%，一般公共预算收入增长4.1%。\n"
            + "一、2023年工作回顾\n全年固定资产投资增长7%。\n二、2024年工作安排\n主要预期目标是：地区生产总值增长5%左右。\n");
        Assert.Equal([("gdp_growth", 5.8), ("public_budget_revenue_growth", 4.1), ("fixed_asset_investment_growth", 7.0)],
            r.Achievements.Select(a => (a.Indicator, a.Low!.Value)));
    }
}
