using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Tests;

/// <summary>Region resolution as evidence: names that are common words never file a report, national reports go to 全国.</summary>
public sealed class RegionEvidenceTests
{
    // Words a State Council report uses on every page that are also county short names (合作市, 资源县, 和平区 …).
    private const string CommonWords = "我们深化国际合作，合理开发资源，维护世界和平，坚持解放思想，奋勇前进，保持安定团结，巩固工农联盟。全国各族人民团结奋斗。";

    private static Report Parse(string text) => TestData.ParseText(text);

    private static string Body(int repeats) => string.Concat(Enumerable.Repeat(CommonWords, repeats));

    [Theory]
    [InlineData("2005年中华人民共和国国务院政府工作报告\n——2005年3月5日在第十届全国人民代表大会第三次会议上\n国务院总理 温家宝\n", 2005)]
    [InlineData("政府工作报告\n——1954年9月23日在第一届全国人民代表大会第一次会议上\n国务院总理 周恩来\n", 1954)]
    [InlineData("1979年国务院政府工作报告\n各位代表：\n", 1979)]
    [InlineData("政府工作报告\n国务院总理 李强\n各位代表：\n一、2024年工作回顾\n", 2025)]
    public void A_national_report_is_filed_under_the_nation_whatever_its_era(string head, int year)
    {
        var r = Parse(head + "各位代表：\n" + Body(20));
        Assert.Equal(("全国", "100000", RegionLevel.National, year), (r.Region!.Name, r.Region.Code, r.Region.Level, r.Year!.Value));
        Assert.DoesNotContain(QualityFlags.RegionUncertain, r.Flags);
    }

    [Fact]
    public void Short_names_that_are_common_words_are_no_evidence()
    {
        var r = Parse("各位代表：\n" + Body(30));
        Assert.NotEqual("623001", r.Region?.Code);
        Assert.True(r.Region is null || r.Flags.Contains(QualityFlags.RegionUncertain), $"{r.Region?.Name} {r.Region?.Confidence}");
    }

    [Fact]
    public void A_common_word_counts_once_the_full_name_is_there()
    {
        var r = Parse("各位代表：\n我市坚持对外开放。合作市地处甘南，全市经济稳步增长。" + string.Concat(Enumerable.Repeat("合作市文旅加快发展，我市民生持续改善，全市合作项目落地。", 4)));
        Assert.Equal("623001", r.Region!.Code);
    }

    [Fact]
    public void A_county_inside_another_county_name_is_not_mentioned()
    {
        var r = Parse("各位代表：\n" + string.Concat(Enumerable.Repeat("高唐县坚持项目为王，全县经济稳步增长，我县民生持续改善。", 6)));
        Assert.Equal("高唐县", r.Region!.Name);
    }

    [Fact]
    public void The_speaker_office_must_agree_with_the_level()
    {
        // 运城 is a prefecture (运城市); a 县长 speaks for a county, so the county the text names wins.
        var text = "县长 张三\n各位代表：\n" + string.Concat(Enumerable.Repeat("运城经济稳步增长，运城开放合作，运城生态改善，绛县民生持续改善。", 5));
        Assert.Equal("140826", Parse(text).Region!.Code);
    }

    [Theory]
    [InlineData("2022年临汾政府工作报告", "141000", false)]
    [InlineData("2020年朝阳政府工作报告", "211300", true)]
    public void A_title_name_without_its_suffix_resolves_and_a_shared_one_is_flagged(string title, string code, bool uncertain)
    {
        var r = Parse(title + "\n各位代表：\n" + Body(2));
        Assert.Equal((code, "title", uncertain), (r.Region!.Code, r.Region.ResolvedFrom, r.Flags.Contains(QualityFlags.RegionUncertain)));
    }

    [Fact]
    public void A_region_hint_settles_what_the_text_leaves_uncertain()
    {
        var text = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "tests", "corpus", "dev", "texts", "dev-qiqihaer-2014.txt"));
        Assert.Contains(QualityFlags.RegionUncertain, Parse(text).Flags);
        var row = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["region"] = "黑河市", ["text"] = text });
        var hinted = TestData.ParseText(row + "\n", "rows.jsonl");
        Assert.Equal(("231100", "corpus-hint"), (hinted.Region!.Code, hinted.Region.ResolvedFrom));
        Assert.DoesNotContain(QualityFlags.RegionUncertain, hinted.Flags);
    }

    [Fact]
    public void Weak_evidence_is_flagged_with_the_candidates()
    {
        var r = Parse("各位代表：\n我市坚持项目为王，全市经济稳步增长。齐齐哈尔民生持续改善，嫩江沿岸生态改善，嫩江水质稳定，全市文旅加快发展，我市开放合作。");
        Assert.Contains(QualityFlags.RegionUncertain, r.Flags);
        var note = Assert.Single(r.Quality, q => q.Code == QualityFlags.RegionUncertain);
        Assert.Contains("齐齐哈尔市", note.Message, StringComparison.Ordinal);
        Assert.Contains("PUT /api/reports", note.Message, StringComparison.Ordinal);
    }
}
