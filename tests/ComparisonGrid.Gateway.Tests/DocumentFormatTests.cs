using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComparisonGrid.Analysis;
using ComparisonGrid.Model;
using ComparisonGrid.TestKit;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// The same report as Markdown, PDF (printed by headless Chromium), Word and an Excel row gives what its plain text
/// gives: region, year, targets and achievements. The files are made here from development-corpus texts.
/// </summary>
public sealed partial class DocumentFormatTests
{
    private static readonly ReportPipeline Pipeline = new();

    [GeneratedRegex(@"^[一二三四五六七八九十]{1,3}、")]
    private static partial Regex PartHeading();

    private static string DevText(string name) =>
        File.ReadAllText(Path.Combine(Repository.Corpus, "dev", "texts", name)).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string[] Paragraphs(string text) => [.. text.Split('\n').Select(l => l.Trim(' ', '\u3000', '\t')).Where(l => l.Length > 0)];

    private static Report ParseOne(string name, byte[] content)
    {
        var result = Pipeline.Parse(new SourceDocument(name, content));
        Assert.Empty(result.Errors.Select(e => $"{e.Input}: {e.Message} ({e.Location})"));
        return Assert.Single(result.Reports);
    }

    /// <summary>What must not change with the format: where, when, and every figure read.</summary>
    private static void AssertSameReading(Report expected, Report actual, string format)
    {
        Assert.Equal(expected.Region?.Code, actual.Region?.Code);
        Assert.Equal(expected.Year, actual.Year);
        static string Targets(Report r) => string.Join("\n", r.Targets.Select(t => $"{t.Indicator} {t.Comparator} {t.Low} {t.High} {t.Stretch}").Order(StringComparer.Ordinal));
        static string Achieved(Report r) => string.Join("\n", r.Achievements.Select(a => $"{a.Indicator} {a.Comparator} {a.Low} {a.High}").Order(StringComparer.Ordinal));
        Assert.True(expected.Targets.Count >= 5, "the source text has targets to compare");
        Assert.True(expected.Achievements.Count >= 5, "the source text has achievements to compare");
        Assert.True(Targets(expected) == Targets(actual), $"{format} targets:\n{Targets(actual)}\nplain text:\n{Targets(expected)}");
        Assert.True(Achieved(expected) == Achieved(actual), $"{format} achievements:\n{Achieved(actual)}\nplain text:\n{Achieved(expected)}");
        Assert.Equal(format, actual.Source.Format);
    }

    [Fact]
    public void A_markdown_report_with_front_matter_bold_headings_comments_and_images_reads_as_its_text_with_quotes_into_the_file()
    {
        const string name = "dev-tongchuan-2010.txt";
        var text = DevText(name);
        var markdown = new StringBuilder("---\ntitle: 铜川市政府工作报告\nsource: https://example.org/report\n---\n\n");
        foreach (var line in Paragraphs(text))
        {
            if (PartHeading().IsMatch(line))
            {
                markdown.Append("**").Append(line).Append("**\n\n<!-- 图片：会议现场 -->\n![会议现场](images/1.png)\n\n");
            }
            else if (line.EndsWith("政府工作报告", StringComparison.Ordinal))
            {
                markdown.Append("# ").Append(line).Append("\n\n");
            }
            else
            {
                markdown.Append(line).Append("\n\n");
            }
        }
        var file = markdown.ToString();
        var plain = ParseOne(name, Encoding.UTF8.GetBytes(text));
        var report = ParseOne("report.md", Encoding.UTF8.GetBytes(file));
        AssertSameReading(plain, report, "markdown");
        Assert.Contains(report.Sections, s => s.Kind == SectionKind.Review);
        Assert.DoesNotContain(report.Sections, s => s.Title.Contains('*', StringComparison.Ordinal));
        foreach (var target in report.Targets)
        {
            // Offsets point into the file as given, markers and all.
            var quote = file[target.Start..target.End];
            Assert.Contains(target.Low!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), quote.Replace("％", "%", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_pdf_printed_by_chromium_and_a_docx_written_with_openxml_read_as_their_text()
    {
        const string name = "dev-tongchuan-2010.txt";
        var text = DevText(name);
        var plain = ParseOne(name, Encoding.UTF8.GetBytes(text));
        var paragraphs = Paragraphs(text);

        var pdf = await PrintPdfAsync(paragraphs);
        AssertSameReading(plain, ParseOne("report.pdf", pdf), "pdf");

        var docx = WriteDocx(paragraphs);
        AssertSameReading(plain, ParseOne("report.docx", docx), "docx");
        // Bytes decide, not the name: a Word file saved under another name is still read as one.
        AssertSameReading(plain, ParseOne("download.bin", docx), "docx");
    }

    [Fact]
    public void An_xlsx_with_a_report_a_row_reads_each_row_as_its_text_with_year_and_code_columns_as_hints()
    {
        string[] names = ["dev-tongchuan-2010.txt", "dev-qiqihaer-2014.txt", "dev-zhumadian-2016.txt"];
        var texts = names.Select(DevText).ToArray();
        var xlsx = WriteXlsx(
            ["序号", "年份", "区县代码", "报告全文"],
            [.. texts.Select((t, i) => new[] { $"{i + 1}", "", "", t })]);
        var result = Pipeline.Parse(new SourceDocument("counties.xlsx", xlsx));
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Reports.Count);
        for (var i = 0; i < names.Length; i++)
        {
            AssertSameReading(ParseOne(names[i], Encoding.UTF8.GetBytes(texts[i])), result.Reports[i], "xlsx");
            Assert.Equal(i + 1, result.Reports[i].Source.Row);
        }
    }

    [Fact]
    public void The_code_and_year_columns_of_a_spreadsheet_place_a_report_whose_text_names_neither()
    {
        var body = string.Concat(Enumerable.Repeat("各位代表：现在我代表县人民政府向大会报告工作。全县生产总值增长6.5%，一般公共预算收入增长8%。", 20));
        var xlsx = WriteXlsx(["年度", "区县代码", "正文内容"], [["2021", "130623", body], ["2020", "130624", ""]]);
        var result = Pipeline.Parse(new SourceDocument("counties.xlsx", xlsx));
        var report = Assert.Single(result.Reports);
        Assert.Equal("130623", report.Region?.Code);
        Assert.Equal(2021, report.Year);
        var error = Assert.Single(result.Errors);
        Assert.Contains("empty text column", error.Message, StringComparison.Ordinal);
        Assert.Contains("sheet Sheet1, row 3", error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_without_a_text_layer_a_damaged_zip_and_an_old_doc_file_are_refused_by_name()
    {
        // A page with a drawing and no text, as a scanned page has an image and no text.
        var blankPdf = await PrintPdfAsync(null);
        var error = Assert.Single(Pipeline.Parse(new SourceDocument("scan.pdf", blankPdf)).Errors);
        Assert.Equal("scan.pdf", error.Input);
        Assert.Contains("no text layer", error.Message, StringComparison.Ordinal);

        error = Assert.Single(Pipeline.Parse(new SourceDocument("broken.docx", new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3 })).Errors);
        Assert.Contains("damaged zip", error.Message, StringComparison.Ordinal);

        error = Assert.Single(Pipeline.Parse(new SourceDocument("old.doc", new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 })).Errors);
        Assert.Contains("save it as .docx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_ingests_pdf_and_xlsx_uploads()
    {
        using var gateway = new GatewayFactory();
        await gateway.ReadyClientAsync();
        var writer = gateway.WriterClient();
        var paragraphs = Paragraphs(DevText("dev-tongchuan-2010.txt"));
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await PrintPdfAsync(paragraphs)), "files", "tongchuan.pdf" },
            { new ByteArrayContent(WriteXlsx(["报告全文"], [[DevText("dev-qiqihaer-2014.txt")]])), "files", "qiqihaer.xlsx" },
        };
        using var response = await writer.PostAsync("/api/reports", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var json = JsonDocument.Parse(body).RootElement;
        var keys = json.GetProperty("ingested").EnumerateArray().Select(i => i.GetProperty("key").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["230200/2014", "610200/2010"], keys);
        Assert.Empty(json.GetProperty("failed").EnumerateArray());
        var report = await writer.GetFromJsonAsync<JsonElement>("/api/reports/610200/2010");
        Assert.Equal("pdf", report.GetProperty("report").GetProperty("source").GetProperty("format").GetString());
    }

    /// <param name="paragraphs">The text; null for a page with a drawing and no text.</param>
    private static async Task<byte[]> PrintPdfAsync(IEnumerable<string>? paragraphs)
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><style>body{font-family:'Noto Sans CJK SC',sans-serif;font-size:14px} p{text-indent:2em;margin:0 0 .3em} h2{font-size:16px}</style></head><body>");
        if (paragraphs is null)
        {
            html.Append("<svg width=\"400\" height=\"400\"><rect x=\"10\" y=\"10\" width=\"300\" height=\"300\" fill=\"#888\"/></svg>");
        }
        foreach (var p in paragraphs ?? [])
        {
            var tag = PartHeading().IsMatch(p) ? "h2" : "p";
            html.Append('<').Append(tag).Append('>').Append(System.Net.WebUtility.HtmlEncode(p)).Append("</").Append(tag).Append('>');
        }
        html.Append("</body></html>");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(html.ToString());
        // Running header and footer with page numbers, as printed reports have: the reader drops them.
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            DisplayHeaderFooter = paragraphs is not null,
            HeaderTemplate = "<div style=\"font-size:9px;width:100%;text-align:center\">政府工作报告</div>",
            FooterTemplate = "<div style=\"font-size:9px;width:100%;text-align:center\">- <span class=\"pageNumber\"></span> -</div>",
            Margin = new Margin { Top = "2cm", Bottom = "2cm", Left = "2cm", Right = "2cm" },
        });
    }

    private static byte[] WriteDocx(IEnumerable<string> paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new W.Body();
            foreach (var p in paragraphs)
            {
                var paragraph = new W.Paragraph();
                if (PartHeading().IsMatch(p))
                {
                    paragraph.Append(new W.ParagraphProperties(new W.ParagraphStyleId { Val = "Heading2" }));
                }
                // Runs split mid-sentence, as Word writes them where formatting changes.
                var half = p.Length / 2;
                paragraph.Append(new W.Run(new W.Text(p[..half]) { Space = SpaceProcessingModeValues.Preserve }));
                paragraph.Append(new W.Run(new W.RunProperties(new W.Bold()), new W.Text(p[half..]) { Space = SpaceProcessingModeValues.Preserve }));
                body.Append(paragraph);
            }
            main.Document = new W.Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static byte[] WriteXlsx(string[] header, string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var data = new SheetData();
            uint r = 1;
            foreach (var values in new[] { header }.Concat(rows))
            {
                var row = new Row { RowIndex = r };
                for (var c = 0; c < values.Length; c++)
                {
                    if (values[c].Length == 0)
                    {
                        continue;
                    }
                    // Shared strings for text, as Excel writes them; a number cell for numbers.
                    var reference = $"{(char)('A' + c)}{r}";
                    if (int.TryParse(values[c], out _))
                    {
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(values[c]) });
                    }
                    else
                    {
                        strings.SharedStringTable.Append(new SharedStringItem(new Text(values[c])));
                        var index = strings.SharedStringTable.ChildElements.Count - 1;
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                    }
                }
                data.Append(row);
                r++;
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Sheet1" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }
}
