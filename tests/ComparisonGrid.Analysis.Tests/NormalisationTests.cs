using System.Text;
using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Normalisation;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Tests;

public sealed class NormalisationTests
{
    private static readonly AnalysisResources Resources = AnalysisResources.Default;

    [Fact]
    public void Pinyin_in_brackets_after_han_is_removed_and_nothing_else()
    {
        var pass = new PinyinAnnotationRemover().Remove("報(bào)告(gào)说明(GDP)增长(a) 和 (zhàn) 附件(1)");
        Assert.Equal("報告说明(GDP)增长(a) 和 (zhàn) 附件(1)", pass.Text.Text);
        Assert.Equal(QualityFlags.PinyinRemoved, Assert.Single(pass.Notes).Code);
        Assert.Equal(12, pass.Text.SourceStart(2));
        Assert.Equal(6, pass.Text.SourceStart(1));
    }

    [Fact]
    public void Text_without_tone_marked_readings_is_left_alone()
    {
        const string text = "生产总值(亿元)增长(de)";
        Assert.Equal(text, new PinyinAnnotationRemover().Remove(text).Text.Text);
    }

    [Fact]
    public void Traditional_script_converts_by_phrase_then_character()
    {
        var converter = new ScriptConverter(Resources.OpenCc);
        var pass = converter.Convert("臨汾市人民政府工作報告：地區生產總值增長7.5%左右，乾隆年間");
        Assert.Equal("临汾市人民政府工作报告：地区生产总值增长7.5%左右，乾隆年间", pass.Text.Text);
        Assert.Equal(QualityFlags.TraditionalScript, Assert.Single(pass.Notes).Code);
    }

    [Fact]
    public void A_phrase_that_changes_the_length_maps_to_its_whole_source_span()
    {
        // The shipped tables keep lengths; a user's table may not, and then the text is rebuilt with a map.
        var tables = new OpenCcTables("報\t报\n區\t区\n", "人民政府\t政府\n");
        var pass = new ScriptConverter(tables).Convert("報告人民政府區");
        Assert.Equal("报告政府区", pass.Text.Text);
        Assert.Equal(2, pass.Text.SourceStart(3));
        Assert.Equal(6, pass.Text.SourceEnd(3));
        Assert.Equal(6, pass.Text.SourceStart(4));
        Assert.Contains("(6 characters changed)", Assert.Single(pass.Notes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simplified_text_with_a_few_ambiguous_characters_is_not_converted()
    {
        const string text = "成效显著，地区生产总值增长6%，经济运行稳中向好，各项工作取得新进展。";
        var pass = new ScriptConverter(Resources.OpenCc).Convert(text);
        Assert.Equal(text, pass.Text.Text);
        Assert.Empty(pass.Notes);
    }

    [Fact]
    public void Number_forms_become_ascii_and_range_dashes_unify_one_for_one()
    {
        var result = new NumberFormNormaliser().Normalise(MappedText.Identity("增长６．５％，5%—5.5%，4.5~5%，6%－6.5%，3至4%，——2022年"));
        Assert.Equal("增长6.5%，5%-5.5%，4.5-5%，6%-6.5%，3-4%，——2022年", result.Text);
    }

    [Fact]
    public void Radicals_from_pdf_fonts_and_escaped_line_breaks_are_mended_one_for_one()
    {
        var radicals = new NumberFormNormaliser().Normalise(MappedText.Identity("⼀、2023年⼯作回顾 全市⼈⺠"));
        Assert.Equal("一、2023年工作回顾 全市人民", radicals.Text);
        const string escaped = "各位代表：\\r\\n现在我代表区人民政府报告工作。\\r\\n一、2023年工作回顾\\r\\n经济向好。\\n二、2024年工作安排";
        var lines = new NumberFormNormaliser().Normalise(MappedText.Identity(escaped));
        Assert.Equal(escaped.Length, lines.Text.Length);
        Assert.Equal(["各位代表：", "现在我代表区人民政府报告工作。", "一、2023年工作回顾", "经济向好。", "二、2024年工作安排"],
            lines.Text.Split('\n').Select(l => l.Trim()));
        // Two escapes are a quote of code, not a text joined by them.
        const string quoted = "路径写作C:\\new\\next，不改。";
        Assert.Equal(quoted, new NumberFormNormaliser().Normalise(MappedText.Identity(quoted)).Text);
    }

    [Fact]
    public void Gbk_mojibake_is_repaired_with_its_lost_trail_byte()
    {
        var repairer = new MojibakeRepairer(Resources.Common);
        var pass = repairer.Repair("答卷。\n?。ㄒ唬┚劢鬼椖繛橥?,全力擴大有效投資");
        Assert.StartsWith("答卷。\n（一）聚焦項目為", pass.Text.Text, StringComparison.Ordinal);
        Assert.EndsWith(",全力擴大有效投資", pass.Text.Text, StringComparison.Ordinal);
        Assert.Contains(pass.Notes, n => n.Code == QualityFlags.MojibakeRepaired && n.Start == 4);
    }

    [Fact]
    public void Ordinary_text_is_not_taken_for_mojibake()
    {
        const string text = "現在，我代表市人民政府向大會報告工作，请予审议。地区生产总值增长5%左右。";
        var pass = new MojibakeRepairer(Resources.Common).Repair(text);
        Assert.Equal(text, pass.Text.Text);
        Assert.Empty(pass.Notes);
    }

    [Fact]
    public void Offsets_survive_every_pass()
    {
        var normaliser = new TextNormaliser(new MojibakeRepairer(Resources.Common), new PinyinAnnotationRemover(),
            new ScriptConverter(Resources.OpenCc), new NumberFormNormaliser());
        const string source = "報(bào)告(gào)：地區生產總值增長６％左右";
        var result = normaliser.Normalise(MappedText.Identity(source));
        Assert.Equal("报告：地区生产总值增长6%左右", result.Text.Text);
        var at = result.Text.Text.IndexOf("地区", StringComparison.Ordinal);
        Assert.Equal(source.IndexOf("地區", StringComparison.Ordinal), result.Text.SourceStart(at));
        Assert.Equal(source.Length, result.Text.SourceEnd(result.Text.Length));
    }

    [Fact]
    public void Toneless_readings_stay_through_the_normaliser_until_enough_are_tone_marked()
    {
        var normaliser = new TextNormaliser(new MojibakeRepairer(Resources.Common), new PinyinAnnotationRemover(),
            new ScriptConverter(Resources.OpenCc), new NumberFormNormaliser());
        Assert.Equal("报告的(de)工作", normaliser.Normalise(MappedText.Identity("報(bào)告的(de)工作")).Text.Text);
        Assert.Equal("报告的工作", normaliser.Normalise(MappedText.Identity("報(bào)告(gào)的(de)工(gōng)作")).Text.Text);
    }

    [Fact]
    public void A_character_whose_simplified_form_is_longer_moves_the_offsets_after_it()
    {
        // 㗲 becomes 𠵾, two UTF-16 units: the text is not written at a length counted in advance.
        var normaliser = new TextNormaliser(new MojibakeRepairer(Resources.Common), new PinyinAnnotationRemover(),
            new ScriptConverter(Resources.OpenCc), new NumberFormNormaliser());
        var result = normaliser.Normalise(MappedText.Identity("報告㗲地區")).Text;
        Assert.Equal("报告\U00020D7E地区", result.Text);
        Assert.Equal(3, result.SourceStart(4));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void A_long_text_normalised_in_parts_equals_the_passes_run_on_the_whole(int seed, bool tablesThatChangeLength)
    {
        // Lines of mojibake, pinyin readings, traditional script and full-width figures, long enough to make many parts.
        var random = new Random(seed);
        string[] lines =
        [
            "答卷。?。ㄒ唬┚劢鬼椖繛橥?,全力擴大有效投資",
            "報(bào)告(gào)的(de)地區生產總值增長６．５％左右",
            "人民政府工作報告，5%—6%，３至４％",
            "成效显著，地区生产总值增长6%",
            "(bào)不在漢字之後，乾隆年間",
        ];
        var text = new StringBuilder();
        while (text.Length < 200_000)
        {
            text.Append(lines[random.Next(lines.Length)]);
            // Now and then a line longer than a part.
            text.Append(random.Next(40) == 0 ? new string('區', random.Next(40_000)) : "");
            text.Append('\n');
        }
        var source = text.ToString();
        var tables = tablesThatChangeLength ? new OpenCcTables("報\t报\n區\t区\n", "人民政府\t政府\n") : Resources.OpenCc;
        var mojibake = new MojibakeRepairer(Resources.Common);
        var pinyin = new PinyinAnnotationRemover();
        var script = new ScriptConverter(tables);
        var numbers = new NumberFormNormaliser();

        var parts = new TextNormaliser(mojibake, pinyin, script, numbers).Normalise(MappedText.Identity(source));

        var whole = MappedText.Identity(source);
        var notes = new List<QualityNote>();
        foreach (var pass in new Func<string, NormalisationPass>[] { mojibake.Repair, pinyin.Remove, script.Convert })
        {
            var result = pass(whole.Text);
            notes.AddRange(result.Notes.Select(n => n.Start is int s && n.End is int e ? n with { Start = whole.SourceStart(s), End = whole.SourceEnd(e) } : n));
            whole = result.Text.ComposeOnto(whole);
        }
        whole = numbers.Normalise(whole);

        Assert.Equal(whole.Text, parts.Text.Text);
        Assert.Equal(notes, parts.Notes);
        Assert.Contains(notes, n => n.Code == QualityFlags.MojibakeRepaired);
        Assert.Contains(notes, n => n.Code == QualityFlags.PinyinRemoved);
        Assert.Contains(notes, n => n.Code == QualityFlags.TraditionalScript);
        for (var k = 0; k <= whole.Length; k += 7)
        {
            Assert.Equal(whole.SourceStart(k), parts.Text.SourceStart(k));
            Assert.Equal(whole.SourceEnd(k), parts.Text.SourceEnd(k));
        }
    }
}
