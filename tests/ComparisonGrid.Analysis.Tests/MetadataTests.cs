using ComparisonGrid.Analysis.Decoding;
using ComparisonGrid.Analysis.Metadata;
using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Splitting;

namespace ComparisonGrid.Analysis.Tests;

public sealed class MetadataTests
{
    private static readonly RegionResolver Resolver = new(AnalysisResources.Default.Divisions, AnalysisResources.Default.CommonWordNames);
    private static readonly MetadataExtractor Extractor = new(Resolver);

    [Theory]
    [InlineData("绛县", "140826")]
    [InlineData("新绛县", "140825")]
    [InlineData("天津市东丽区", "120110")]
    [InlineData("东丽区", "120110")]
    [InlineData("天门市", "429006")]
    [InlineData("襄樊市", "420600")]
    [InlineData("蓟县", "120119")]
    [InlineData("全国", "100000")]
    [InlineData("山西省临汾市", "141000")]
    [InlineData("东莞市", "441900")]
    public void Resolves_exact_qualified_and_historical_names(string name, string code) =>
        Assert.Equal(code, Resolver.Resolve(name)!.Code);

    [Theory]
    [InlineData("绛")]
    [InlineData("新绛")]
    [InlineData("临汾市新区")]
    [InlineData("河北省临汾市")]
    public void Does_not_resolve_by_substring_luck(string name) => Assert.Null(Resolver.Resolve(name));

    [Fact]
    public void Equal_names_are_told_apart_by_context()
    {
        Assert.Equal("210102", Resolver.Resolve("和平区", "沈阳市和平区坚持辽宁省委部署，沈阳和平区")!.Code);
        Assert.Equal("120101", Resolver.Resolve("和平区", "天津市和平区，天津")!.Code);
    }

    [Fact]
    public void Every_alias_names_a_known_division()
    {
        var catalog = AnalysisResources.Default.Divisions;
        Assert.Equal(3, catalog.All.Count(d => d.Level == RegionLevel.National || d.Name is "临汾市" or "绛县"));
        Assert.Equal(31, catalog.All.Count(d => d.Level == RegionLevel.Province));
        var aliases = File.ReadAllLines(Path.Combine(TestData.RepositoryRoot, "src", "ComparisonGrid.Analysis", "Data", "lexicons", "region-aliases.tsv"))
            .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).ToList();
        Assert.NotEmpty(aliases);
        foreach (var alias in aliases)
        {
            var resolved = Assert.Single(catalog.ByName(alias[0]));
            Assert.Equal(alias[1], resolved.Code);
        }
    }

    [Fact]
    public void An_alias_pointing_at_an_unknown_code_is_a_load_error()
    {
        var data = Path.Combine(TestData.RepositoryRoot, "src", "ComparisonGrid.Analysis", "Data", "divisions");
        var e = Assert.Throws<FormatException>(() => new DivisionCatalog(
            File.ReadAllText(Path.Combine(data, "provinces.csv")), File.ReadAllText(Path.Combine(data, "cities.csv")),
            File.ReadAllText(Path.Combine(data, "areas.csv")), "襄樊市\t429999\n"));
        Assert.Contains("429999", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("二〇一九", 2019)]
    [InlineData("十二", 12)]
    [InlineData("二十三", 23)]
    [InlineData("三十一", 31)]
    [InlineData("九", 9)]
    [InlineData("一百零五", 105)]
    public void Chinese_numerals(string text, int value) => Assert.Equal(value, ChineseNumerals.Parse(text));

    [Fact]
    public void December_delivery_plans_for_the_next_year()
    {
        var meta = Extract("2022年某区政府工作报告\n——2021年12月12日在东丽区第十八届人民代表大会第一次会议上\n区长 贾堤\n各位代表：\n一、过去五年工作回顾\n");
        Assert.Equal(2022, meta.Year);
        Assert.Equal(new DateOnly(2021, 12, 12), meta.MeetingDate);
        Assert.Equal(("贾堤", "区长"), (meta.Speaker, meta.Office));
        Assert.DoesNotContain(meta.Notes, n => n.Code == QualityFlags.YearMismatch);
    }

    [Fact]
    public void The_review_heading_sets_the_year_when_title_and_meeting_line_are_silent()
    {
        var meta = Extract("政府工作报告\n——在嘉峪关市人民代表大会上\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2012年工作回顾\n过去一年……\n二、今年的主要任务\n");
        Assert.Equal(2013, meta.Year);
        Assert.Contains(meta.Notes, n => n.Code == QualityFlags.YearInferred && n.Message.Contains("2012年工作回顾", StringComparison.Ordinal));
    }

    [Fact]
    public void Content_year_wins_over_title_year_and_is_flagged()
    {
        var meta = Extract("2022年厦门市政府工作报告\n二〇一九年一月九日在厦门市第十五届人民代表大会第三次会议上\n厦门市市长 庄稼汉\n各位代表：\n");
        Assert.Equal(2019, meta.Year);
        Assert.Equal("350200", meta.Region!.Code);
        Assert.Contains(meta.Notes, n => n.Code == QualityFlags.YearMismatch);
    }

    [Fact]
    public void Region_is_inferred_from_text_when_title_and_meeting_line_are_missing()
    {
        const string body = "（上接第一版）我市坚持项目为王，全市经济稳步增长。运城盐湖保护、运城机场扩建有序推进，全市开发区建设加快，运城人民生活持续改善，运城文旅加快发展，我市民营经济考核全省第1，居全省前列。";
        var meta = Extract(body);
        Assert.Equal("140800", meta.Region!.Code);
        Assert.Contains(meta.Notes, n => n.Code == QualityFlags.RegionInferred);
        Assert.Contains(meta.Notes, n => n.Code == QualityFlags.PartialReport);
    }

    [Fact]
    public void National_report()
    {
        var meta = Extract("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n各位代表：\n");
        Assert.Equal(("100000", RegionLevel.National, 2024), (meta.Region!.Code, meta.Region.Level, meta.Year!.Value));
        Assert.Equal("国务院总理", meta.Office);
    }

    private static ReportMetadata Extract(string text) =>
        Extractor.Extract(new ReportSegment(0, text.Length, text, 0), ReportHints.None);
}
