using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Splitting;
using ComparisonGrid.Analysis.Targets;
using ComparisonGrid.Analysis.Text;
using ComparisonGrid.Analysis.Themes;

namespace ComparisonGrid.Analysis.Tests;

public sealed class SplitAndThemeTests
{
    [Fact]
    public void Splits_reports_and_blanks_page_chrome()
    {
        var body = new string('。', 3100);
        var text = "-\n2022年甲市政府工作报告\n2022年1月5日在咸阳市第九届人民代表大会第一次会议上各位代表：" + body +
                   "\n2025-07-02\n-\n2022年乙区政府工作报告\n政府工作报告2021年12月12日在东丽区第十八届人民代表大会第一次会议上区长 贾堤各位代表：" + body +
                   "\n有想补充的信息?点我投稿\n- 联系我们";
        var segments = new ReportSplitter(AnalysisResources.Default.PageChrome).Split(text).ToList();
        Assert.Equal(2, segments.Count);
        Assert.Equal(text.IndexOf("2025-07-02", StringComparison.Ordinal), segments[1].Start);
        Assert.StartsWith("2022年乙区", segments[1].Text.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("点我投稿", segments[1].Text, StringComparison.Ordinal);
        Assert.Equal(text.Length, segments[0].Text.Length + segments[1].Text.Length);
    }

    [Fact]
    public void A_page_holding_one_report_twice_is_one_report_and_two_sessions_are_two()
    {
        var body = "各位代表：\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。" + new string('。', 3100);
        var report = "2023年丙市政府工作报告\n——2023年1月6日在丙市第十六届人民代表大会第二次会议上\n" + body;
        var page = "标题：2023年丙市政府工作报告\n正文：\n" + report + "\n打印本页\n" + report + "\n【关闭窗口】";
        var splitter = new ReportSplitter(AnalysisResources.Default.PageChrome);
        var only = Assert.Single(splitter.Split(page));
        Assert.Equal(1, CountOf(only.Text, "增长6%左右"));

        var nextYear = report.Replace("2023", "2024", StringComparison.Ordinal).Replace("第二次", "第三次", StringComparison.Ordinal);
        Assert.Equal(2, splitter.Split(report + "\n" + nextYear).Count());
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    [Fact]
    public void A_page_abstract_cut_off_with_an_ellipsis_is_chrome_and_its_run_in_heading_opens_no_part()
    {
        var report = "2023年丁县人民政府工作报告\n——2023年1月9日在丁县第十七届人民代表大会第二次会议上\n各位代表：\n" +
                     "一、2022年工作回顾\n2022年，是党的二十大胜利召开之年，\n全县地区生产总值增长5.2%。" + new string('。', 400) +
                     "\n二、2023年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。" + new string('。', 400);
        var page = "内容摘要：\n各位代表：现在我代表县政府作报告。一、2022年工作回顾2022年，是党的二十大胜利召开之年，......\n" + report;
        var segment = Assert.Single(new ReportSplitter(AnalysisResources.Default.PageChrome).Split(page));
        Assert.DoesNotContain("作报告。一、", segment.Text, StringComparison.Ordinal);
        var parsed = Assert.Single(TestData.Pipeline.Parse(new SourceDocument("page.txt", System.Text.Encoding.UTF8.GetBytes(page))).Reports);
        Assert.Equal([SectionKind.Review, SectionKind.Plan], parsed.Sections.Select(s => s.Kind));
        // A line that ends with an ellipsis but is not said again is report text.
        var quoting = report.Replace("全县地区生产总值增长5.2%。", "我们常说“行百里者半九十”……\n全县地区生产总值增长5.2%。", StringComparison.Ordinal);
        Assert.Contains("行百里者半九十", Assert.Single(new ReportSplitter(AnalysisResources.Default.PageChrome).Split(quoting)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("一、2025年和“十四五”时期工作回顾", SectionKind.Review)]
    [InlineData("一、过去五年和2020年工作回顾", SectionKind.Review)]
    [InlineData("一、2025年和“十四五”时期经济社会发展情况", SectionKind.Review)]
    [InlineData("一、“十三五”时期和2020年工作总结", SectionKind.Review)]
    [InlineData("二、“十五五”时期主要目标任务", SectionKind.Outlook)]
    [InlineData("二、今后五年的奋斗目标", SectionKind.Outlook)]
    [InlineData("三、2026年重点工作", SectionKind.Plan)]
    public void A_review_of_the_year_and_the_five_year_period_is_a_review_and_a_five_year_title_without_one_an_outlook(string title, SectionKind kind) =>
        Assert.Equal(kind, AnalysisResources.Default.SectionKinds.Classify(title));

    [Fact]
    public void One_report_without_page_chrome_is_the_text_itself_not_a_copy()
    {
        var text = "2022年甲市政府工作报告\n各位代表：" + new string('。', 3100);
        Assert.Same(text, Assert.Single(new ReportSplitter(AnalysisResources.Default.PageChrome).Split(text)).Text);
    }

    [Fact]
    public void A_report_over_the_length_limit_is_refused_naming_where_it_starts()
    {
        var seed = File.ReadAllBytes(TestData.Sample("002"));
        var errors = TestData.Pipeline.Parse(new SourceDocument("big.txt", seed), ParseOptions.Default with { MaxReportCharacters = 1000 }).Errors;
        var error = Assert.Single(errors);
        Assert.Equal("big.txt", error.Input);
        Assert.Equal("offset 0", error.Location);
        Assert.Contains("over the limit of 1,000", error.Message, StringComparison.Ordinal);
        Assert.Single(TestData.Pipeline.Parse(new SourceDocument("big.txt", seed)).Reports);
    }

    [Fact]
    public void A_report_quoting_its_own_meeting_line_twice_stays_one()
    {
        const string text = "——2022年2月20日在临汾市第五届人民代表大会第一次会议上\n市长 李云峰\n2月20日，在临汾市第五届人民代表大会第一次会议上，市长作报告。\n各位代表：";
        Assert.Single(new ReportSplitter(AnalysisResources.Default.PageChrome).Split(text));
    }

    [Fact]
    public void Themes_are_counted_per_report_and_per_section_and_per_10000_characters()
    {
        const string text = "一、回顾\n巩固拓展脱贫攻坚成果，乡村振兴加快。\n二、安排\n全面推进乡村振兴，发展数字经济。";
        var second = text.IndexOf("二、", StringComparison.Ordinal);
        Section[] sections = [new("一", "回顾", SectionKind.Review, 1, 0, second, []), new("二", "安排", SectionKind.Plan, 1, second, text.Length, [])];
        var scores = new ThemeCounter(AnalysisResources.Default.Themes).Count(text, sections);
        var rural = scores.Single(s => s.Theme == "rural_revitalization");
        Assert.Equal(3, rural.Hits);
        Assert.Equal([("一", 2), ("二", 1)], rural.Sections.Select(s => (s.Number, s.Hits)));
        Assert.Equal(Math.Round(3 * 10000.0 / ThemeCounter.CountCharacters(text), 2), rural.Per10K);
        Assert.True(AnalysisResources.Default.Themes.Themes.Count >= 20);
    }

    [Fact]
    public void Automaton_finds_overlapping_and_longest_matches()
    {
        var ac = new AhoCorasick<string>([("he", "he"), ("she", "she"), ("hers", "hers"), ("his", "his")]);
        Assert.Equal(["she", "he", "hers"], ac.FindAll("ushers").Select(m => m.Value));
        Assert.Equal(["she"], ac.FindLongestNonOverlapping("ushers").Select(m => m.Value));
    }

    [Fact]
    public void Automaton_agrees_with_a_naive_search_on_random_text()
    {
        var random = new Random(7);
        const string alphabet = "生产总值增长地区";
        string Word(int min, int max) => new([.. Enumerable.Range(0, random.Next(min, max)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        var patterns = Enumerable.Range(0, 40).Select(_ => Word(1, 5)).Distinct().ToList();
        var ac = new AhoCorasick<string>(patterns.Select(p => (p, p)));
        var text = Word(400, 401);
        var naive = new List<(int, int, string)>();
        for (var end = 1; end <= text.Length; end++)
        {
            foreach (var p in patterns.Where(p => p.Length <= end && text.AsSpan(end - p.Length, p.Length).SequenceEqual(p)).OrderByDescending(p => p.Length))
            {
                naive.Add((end - p.Length, p.Length, p));
            }
        }
        Assert.Equal(naive, ac.FindAll(text));
    }

    [Fact]
    public void Qualifier_before_a_figure_may_be_spaced_and_must_lie_inside_the_clause()
    {
        var reader = new FigureReader();
        var spaced = Assert.Single(reader.Read("收入增长不低于 4%", 0, 10));
        Assert.Equal((Comparator.AtLeast, 4), (spaced.Comparator, spaced.Start));
        var clipped = Assert.Single(reader.Read("不低于4%", 3, 5));
        Assert.Equal((Comparator.Exact, 3), (clipped.Comparator, clipped.Start));
    }

    [Theory]
    [InlineData("力争达到8.5%", true, Comparator.Exact)]
    [InlineData("争取 控制在3%以内", true, Comparator.AtMost)]
    [InlineData("力争7%", true, Comparator.Exact)]
    [InlineData("达到8.5%", false, Comparator.Exact)]
    [InlineData("努力实现不低于6%", false, Comparator.AtLeast)]
    public void A_stretch_word_before_the_qualifier_makes_the_figure_a_stretch(string text, bool stretch, Comparator comparator)
    {
        var figure = Assert.Single(new FigureReader().Read(text, 0, text.Length));
        Assert.Equal((stretch, comparator), (figure.Stretch, figure.Comparator));
    }
}
