using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Tests;

/// <summary>
/// The five seed documents, with answers read from the seeds by hand: region, year and the targets of
/// each report's 主要预期目标 passage.
/// </summary>
public sealed class SeedTests
{
    [Fact]
    public void Linfen_2022_traditional_with_pinyin()
    {
        var r = TestData.Single(TestData.Sample("000"));
        Assert.Equal("2022年临汾市人民政府工作报告", r.Title);
        AssertRegion(r, "临汾市", "141000", RegionLevel.Prefecture, "山西省");
        Assert.Equal(2022, r.Year);
        Assert.Equal("2022-02-20", r.MeetingDate);
        Assert.Equal("李云峰", r.Speaker);
        Assert.Contains(QualityFlags.TraditionalScript, r.Flags);
        Assert.Contains(QualityFlags.PinyinRemoved, r.Flags);
        AssertTarget(r, "gdp_growth", Comparator.About, 7.5, "%");
        AssertTarget(r, "fixed_asset_investment_growth", Comparator.About, 10, "%");
        AssertTarget(r, "retail_sales_growth", Comparator.About, 7, "%");
        AssertTarget(r, "public_budget_revenue_growth", Comparator.About, 6, "%");
        AssertTarget(r, "urban_disposable_income_growth", Comparator.About, 7.5, "%");
        AssertTarget(r, "rural_disposable_income_growth", Comparator.About, 8, "%");
        AssertTarget(r, "cpi", Comparator.About, 3, "%");
        AssertTarget(r, "surveyed_unemployment_rate", Comparator.AtMost, 5.5, "%");
        Assert.Equal(8, r.Targets.Count);
        Assert.Equal([SectionKind.Review, SectionKind.Outlook, SectionKind.Plan, SectionKind.SelfBuilding], r.Sections.Select(s => s.Kind));
    }

    [Fact]
    public void Jiang_county_2022_is_not_xinjiang_county_and_mojibake_is_repaired()
    {
        var r = TestData.Single(TestData.Sample("001"));
        AssertRegion(r, "绛县", "140826", RegionLevel.County, "山西省");
        Assert.Equal(2022, r.Year);
        Assert.Contains(QualityFlags.MojibakeRepaired, r.Flags);
        // Repair runs before script conversion, so the note quotes the traditional form.
        Assert.Contains(r.Quality, n => n.Code == QualityFlags.MojibakeRepaired && n.Message.Contains("as \"（一）一年來", StringComparison.Ordinal));
        var plan = Assert.Single(r.Sections, s => s.Kind == SectionKind.Plan);
        Assert.StartsWith("聚焦项目为", plan.Children[0].Title, StringComparison.Ordinal);
        AssertTarget(r, "gdp_growth", Comparator.About, 8, "%");
        AssertTarget(r, "industrial_value_added_growth", Comparator.Exact, 10, "%");
        AssertTarget(r, "fixed_asset_investment_growth", Comparator.Exact, 11, "%");
        AssertTarget(r, "retail_sales_growth", Comparator.Exact, 10, "%");
        AssertTarget(r, "fiscal_revenue_growth", Comparator.Exact, 10, "%");
        AssertTarget(r, "public_budget_revenue_growth", Comparator.Exact, 6, "%");
        AssertTarget(r, "urban_disposable_income_growth", Comparator.Exact, 8.5, "%");
        AssertTarget(r, "rural_disposable_income_growth", Comparator.Exact, 9, "%");
        Assert.Equal(8, r.Targets.Count);
        var gdp = Assert.Single(r.Achievements, a => a.Indicator == "gdp");
        Assert.Equal((78.9, "亿元", 2021), (gdp.Low!.Value, gdp.Unit!, gdp.Year!.Value));
        Assert.Equal(9.3, Assert.Single(r.Achievements, a => a.Indicator == "gdp_growth").Low);
    }

    [Fact]
    public void Yuncheng_2024_newspaper_continuation_infers_region_and_year_from_text()
    {
        var r = TestData.Single(TestData.Sample("002"));
        AssertRegion(r, "运城市", "140800", RegionLevel.Prefecture, "山西省");
        Assert.True(r.Region!.Confidence < 0.9);
        Assert.Equal(2024, r.Year);
        Assert.Contains(QualityFlags.RegionInferred, r.Flags);
        Assert.Contains(QualityFlags.PartialReport, r.Flags);
        AssertTarget(r, "gdp_growth", Comparator.About, 6, "%");
        AssertTarget(r, "fixed_asset_investment_growth", Comparator.Exact, 10.5, "%");
        AssertTarget(r, "industrial_value_added_growth", Comparator.About, 7, "%");
        AssertTarget(r, "retail_sales_growth", Comparator.About, 6, "%");
        AssertTarget(r, "trade_growth", Comparator.About, 5, "%");
        AssertTarget(r, "new_urban_jobs", Comparator.Exact, 5.2, "万人");
        AssertTarget(r, "cpi", Comparator.About, 3, "%");
        Assert.Equal(("in_step", "gdp_growth"), Relation(r, "urban_disposable_income_growth"));
        Assert.Equal(("above", "gdp_growth"), Relation(r, "rural_disposable_income_growth"));
        Assert.All(r.Targets, t => Assert.False(t.Stretch));
    }

    [Fact]
    public void Shuozhou_2024_without_title_resolves_from_meeting_line()
    {
        var r = TestData.Single(TestData.Sample("003"));
        Assert.Null(r.Title);
        AssertRegion(r, "朔州市", "140600", RegionLevel.Prefecture, "山西省");
        Assert.Equal(2024, r.Year);
        Assert.Equal("吴秀玲", r.Speaker);
        AssertTarget(r, "gdp_growth", Comparator.AtLeast, 5, "%");
        AssertTarget(r, "fixed_asset_investment_growth", Comparator.AtLeast, 10.5, "%");
        AssertTarget(r, "retail_sales_growth", Comparator.AtLeast, 5.5, "%");
        AssertTarget(r, "public_budget_revenue_growth", Comparator.AtLeast, 3, "%");
        Assert.Equal(("in_step", "gdp_growth"), Relation(r, "urban_disposable_income_growth"));
        Assert.Equal(("above", "gdp_growth"), Relation(r, "rural_disposable_income_growth"));
    }

    [Fact]
    public void Scraped_page_holds_ten_reports()
    {
        var result = TestData.Parse(TestData.Sample("004"));
        Assert.Empty(result.Errors);
        Assert.Equal(
            ["咸阳市", "东丽区", "天门市", "蓟州区", "青海省", "郴州市", "河北省", "厦门市", "襄阳市", "辽宁省"],
            result.Reports.Select(r => r.Region!.Name));
        Assert.Equal(
            ["610400", "120110", "429006", "120119", "630000", "431000", "130000", "350200", "420600", "210000"],
            result.Reports.Select(r => r.Region!.Code));
        Assert.All(result.Reports, r => Assert.Contains(QualityFlags.PageChromeRemoved, r.Flags));
        Assert.All(result.Reports, r => Assert.DoesNotContain("点我投稿", r.Title ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public void Xiamen_titled_2022_is_the_2019_report()
    {
        var xiamen = TestData.Parse(TestData.Sample("004")).Reports.Single(r => r.Region!.Name == "厦门市");
        Assert.Equal(2019, xiamen.Year);
        Assert.Equal("2019-01-09", xiamen.MeetingDate);
        Assert.Contains(QualityFlags.YearMismatch, xiamen.Flags);
        AssertTarget(xiamen, "fiscal_revenue_growth", Comparator.About, 5, "%");
        AssertTarget(xiamen, "local_fiscal_revenue_growth", Comparator.About, 3.5, "%");
        AssertTarget(xiamen, "urban_disposable_income_growth", Comparator.Exact, 8, "%");
        AssertTarget(xiamen, "rural_disposable_income_growth", Comparator.Exact, 8, "%");
    }

    [Fact]
    public void Dongli_district_has_expected_and_stretch_targets_and_belongs_to_tianjin()
    {
        var dongli = TestData.Parse(TestData.Sample("004")).Reports.Single(r => r.Region!.Name == "东丽区");
        Assert.Equal("天津市", dongli.Region!.Province);
        Assert.Equal(RegionLevel.County, dongli.Region.Level);
        Assert.Equal(2022, dongli.Year);
        Assert.Equal("2021-12-12", dongli.MeetingDate);
        AssertTarget(dongli, "gdp_growth", Comparator.AtLeast, 6, "%");
        Assert.Equal(6.5, TestData.Target(dongli, "gdp_growth", stretch: true).Low);
        Assert.Equal(6, TestData.Target(dongli, "public_budget_revenue_growth", stretch: true).Low);
        Assert.Equal(7, TestData.Target(dongli, "disposable_income_growth", stretch: true).Low);
        AssertTarget(dongli, "disposable_income_growth", Comparator.AtLeast, 6.3, "%");
    }

    [Fact]
    public void Tianmen_is_a_provincially_administered_city_of_hubei()
    {
        var tianmen = TestData.Parse(TestData.Sample("004")).Reports.Single(r => r.Region!.Code == "429006");
        Assert.Equal("湖北省", tianmen.Region!.Province);
        Assert.Equal("420000", tianmen.Region.ParentCode);
        Assert.Equal(2022, tianmen.Year);
    }

    [Fact]
    public void Every_seed_target_quote_is_found_at_its_offsets_in_the_input_as_given()
    {
        var normaliser = new Normalisation.ScriptConverter(AnalysisResources.Default.OpenCc);
        foreach (var prefix in new[] { "000", "001", "002", "003", "004" })
        {
            var path = TestData.Sample(prefix);
            var source = File.ReadAllText(path);
            foreach (var report in TestData.Parse(path).Reports)
            {
                foreach (var t in report.Targets)
                {
                    var original = source[t.Start..t.End];
                    var pinyinFree = System.Text.RegularExpressions.Regex.Replace(original, @"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "");
                    var simplified = normaliser.IsTraditional(source) ? normaliser.Convert(pinyinFree).Text.Text : pinyinFree;
                    Assert.Equal(t.Quote, simplified.Replace('—', '-'));
                }
            }
        }
    }

    private static void AssertRegion(Report r, string name, string code, RegionLevel level, string province)
    {
        Assert.NotNull(r.Region);
        Assert.Equal((name, code, level, province), (r.Region.Name, r.Region.Code, r.Region.Level, r.Region.Province));
    }

    private static void AssertTarget(Report r, string indicator, Comparator comparator, double value, string unit)
    {
        var t = TestData.Target(r, indicator);
        Assert.Equal((comparator, value, value, unit), (t.Comparator, t.Low!.Value, t.High!.Value, t.Unit!));
    }

    private static (string?, string?) Relation(Report r, string indicator)
    {
        var t = TestData.Target(r, indicator);
        Assert.Equal(Comparator.Relation, t.Comparator);
        return (t.Relation, t.Reference);
    }
}
