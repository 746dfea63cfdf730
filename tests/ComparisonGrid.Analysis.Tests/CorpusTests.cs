using ComparisonGrid.Analysis.Decoding;
using ComparisonGrid.Analysis.Normalisation;
using ComparisonGrid.Analysis.Text;
using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Tests;

public sealed class CorpusTests
{
    private static readonly CorpusReader Reader = new();

    [Fact]
    public void Csv_corpus_yields_one_report_per_row_with_hints()
    {
        var result = TestData.Parse(TestData.Fixture("corpus.csv"));
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Reports.Count);
        var tianmen = result.Reports[0];
        Assert.Equal(("429006", 2022, 1), (tianmen.Region!.Code, tianmen.Year!.Value, tianmen.Source.Row!.Value));
        Assert.Equal("2022年天门市政府工作报告", tianmen.Title);
        var national = result.Reports[1];
        Assert.Equal(("全国", "100000", RegionLevel.National), (national.Region!.Name, national.Region.Code, national.Region.Level));
        Assert.Equal("李强", national.Speaker);
        Assert.Equal(5, TestData.Target(national, "gdp_growth").Low);
        Assert.Equal(2.5, TestData.Target(national, "energy_intensity_reduction").Low);
    }

    [Theory]
    [InlineData("corpus.csv")]
    [InlineData("ningxiang-2023.txt")]
    public void Source_texts_hold_every_quote_at_its_offsets_row_by_row(string fixture)
    {
        var path = TestData.Fixture(fixture);
        var items = TestData.Pipeline.ParseEach(new SourceDocument(path, File.ReadAllBytes(path))).ToList();
        Assert.All(items, i => Assert.Null(i.Error));
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var report = item.Report!;
            var text = item.SourceText();
            Assert.Equal(report.Source.End - report.Source.Start, text.Length);
            Assert.NotEmpty(report.Targets);
            foreach (var t in report.Targets)
            {
                // Quotes are normalised (full-width digits to ASCII); the source text is as given.
                var given = text[(t.Start - report.Source.Start)..(t.End - report.Source.Start)];
                Assert.Equal(t.Quote, new NumberFormNormaliser().Normalise(MappedText.Identity(given)).Text);
            }
        }
    }

    [Fact]
    public void Csv_without_text_column_names_the_columns_it_has()
    {
        var e = Assert.Throws<InputFormatException>(() => Reader.ReadCsv("id,title\n1,报告\n"));
        Assert.Contains("no text column", e.Message, StringComparison.Ordinal);
        Assert.Contains("id, title", e.Message, StringComparison.Ordinal);
        Assert.Single(Reader.ReadCsv("id,body\n1,正文内容\n", textColumn: "body").Rows);
    }

    [Fact]
    public void A_hint_too_long_to_be_one_fails_its_row_by_name_and_the_others_are_read()
    {
        var title = new string('题', 5000);
        var csv = Reader.ReadCsv($"title,text\n{title},正文一\n短标题,正文二\n");
        Assert.Equal(["正文二"], csv.Rows.Select(r => r.Text));
        var error = Assert.Single(csv.Errors);
        Assert.Equal(("row 1: the title hint is 5,000 characters, over the limit of 1,000", "line 2"), (error.Message, error.Location));
        var jsonl = Reader.ReadJsonl($"{{\"text\":\"正文\",\"region\":\"{new string('x', 1001)}\"}}\n{{\"text\":\"正文\",\"year\":2024}}\n");
        Assert.Equal([2024], jsonl.Rows.Select(r => r.Hints.Year));
        Assert.Equal("line 1", Assert.Single(jsonl.Errors).Location);
    }

    [Fact]
    public void Csv_with_an_unclosed_quote_names_the_line()
    {
        var e = Assert.Throws<InputFormatException>(() => Reader.ReadCsv("id,text\n1,ok\n2,\"never closed\n"));
        Assert.Equal("line 3", e.Location);
    }

    [Fact]
    public void Jsonl_bad_line_is_named_and_the_other_lines_are_parsed()
    {
        var result = TestData.Parse(TestData.Fixture("corpus.jsonl"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("line 2", error.Location);
        Assert.StartsWith("not JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(["430182", "140826"], result.Reports.Select(r => r.Region!.Code));
        var jiang = result.Reports[1];
        Assert.Equal("corpus-hint", jiang.Region!.ResolvedFrom);
        Assert.Equal(2022, jiang.Year);
        Assert.Contains(QualityFlags.YearInferred, jiang.Flags);
    }
}
