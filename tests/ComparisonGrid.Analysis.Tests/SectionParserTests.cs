using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Sections;

namespace ComparisonGrid.Analysis.Tests;

public sealed class SectionParserTests
{
    private static readonly SectionParser Parser = new(AnalysisResources.Default.SectionKinds);

    [Fact]
    public void Builds_the_outline_tree_from_lines()
    {
        const string text = "各位代表：\n一、2021年工作回顾\n（一）经济稳中向好。\n（二）民生持续改善。\n二、2022年工作安排\n1.扩大有效投资\n2.发展数字经济\n三、加强政府自身建设\n依法行政。";
        var sections = Parser.Parse(text);
        Assert.Equal(["一", "二", "三"], sections.Select(s => s.Number));
        Assert.Equal([SectionKind.Review, SectionKind.Plan, SectionKind.SelfBuilding], sections.Select(s => s.Kind));
        Assert.Equal(["经济稳中向好。", "民生持续改善。"], sections[0].Children.Select(c => c.Title));
        Assert.Equal(2, sections[1].Children[0].Level);
        Assert.Equal(text.IndexOf("二、", StringComparison.Ordinal), sections[0].End);
        Assert.Equal(text.Length, sections[2].End);
    }

    [Fact]
    public void Part_titles_that_lost_their_numbers_still_make_the_outline()
    {
        const string text = "各位代表：\n  2023年政府工作回顾\n一年来全区经济持续向好。我们也看到：一是产业结构不优；二是财力偏紧。\n" +
            "  2024年工作安排\n（一）抓项目促投资。全年实施重点项目80个。\n（二）抓改革促活力。\n  切实加强政府自身建设\n依法行政。";
        var sections = Parser.Parse(text);
        Assert.Equal(["2023年政府工作回顾", "2024年工作安排", "切实加强政府自身建设"], sections.Select(s => s.Title));
        Assert.Equal([SectionKind.Review, SectionKind.Plan, SectionKind.SelfBuilding], sections.Select(s => s.Kind));
        Assert.Equal(["一", "二"], sections[0].Children.Select(c => c.Number));
        Assert.Equal(2, sections[1].Children.Count);
        // A report with its 一、 keeps reading by numbers: a short title-like line inside it is no part.
        var numbered = Parser.Parse("一、2023年工作回顾\n经济向好。\n二、2024年工作安排\n  加强政府自身建设\n三、其他\n");
        Assert.Equal(["一", "二", "三"], numbered.Select(s => s.Number));
    }

    [Fact]
    public void A_part_titled_with_the_year_before_alone_is_the_review()
    {
        const string text = "各位代表：\n一、2023年主要工作\n经济向好。\n二、2024年主要工作\n扩大投资。\n三、2023年和2024年重点工作\n";
        Assert.Equal([SectionKind.Review, SectionKind.Plan, SectionKind.Plan], Parser.Parse(text, 2024).Select(s => s.Kind));
        Assert.Equal(SectionKind.Plan, Parser.Parse(text)[0].Kind);
    }

    [Fact]
    public void Finds_headings_when_the_whole_report_is_one_line_and_ignores_enumerations_inside_sentences()
    {
        const string text = "提出意见。 一、过去五年工作回顾过去五年，我们砥砺前行。 二、2022年重点工作发展重开局。重点做好以下工作: 一、全力以赴推动经济增长坚持思想向稳增长统 一、政策向稳增长倾斜。 二、深化改革。一是优化营商环境；二是扩大开放。 三、加强政府自身建设实干成就梦想。";
        var sections = Parser.Parse(text);
        Assert.Equal(["过去五年工作回顾", "2022年重点工作", "加强政府自身建设"], sections.Select(s => s.Title));
        var plan = sections[1];
        Assert.Equal(SectionKind.Plan, plan.Kind);
        Assert.Equal(["一", "二"], plan.Children.Select(c => c.Number));
        Assert.Equal(["一", "二"], plan.Children[1].Children.Select(c => c.Number));
    }

    [Fact]
    public void A_report_starting_midway_keeps_its_later_top_sections()
    {
        const string text = "（上接第一版）项目落地。\n（四）注重精准招商\n招商成效明显。\n（五）注重完善功能\n城乡协调。\n二、2024年工作总体要求和奋斗目标\n主要预期目标是：\n三、重点工作安排\n";
        var sections = Parser.Parse(text);
        Assert.Equal(["四", "五", "二", "三"], sections.Select(s => s.Number));
        Assert.Equal(SectionKind.Targets, sections[2].Kind);
    }
}
