using ComparisonGrid.Analysis.Decoding;

namespace ComparisonGrid.Analysis.Tests;

public sealed class HtmlTextExtractorTests
{
    private static readonly HtmlTextExtractor Extractor = new();

    [Fact]
    public void Drops_scripts_styles_and_navigation_and_keeps_paragraph_breaks()
    {
        var html = "<html><head><style>p{}</style><script>var a='增长99%';</script></head><body><nav>首页 &gt; 报告</nav>" +
                   "<p>各位代表：</p><p>地区生产总值&nbsp;增长5%&lt;左右&gt;</p><!-- 注释 --><footer>联系我们</footer></body></html>";
        var text = Extractor.Extract(html);
        Assert.Equal("各位代表：\n地区生产总值 增长5%<左右>", text.Text);
    }

    [Fact]
    public void Every_character_keeps_its_offset_in_the_page()
    {
        const string html = "<p>增长&amp;5%</p>";
        var text = Extractor.Extract(html);
        Assert.Equal("增长&5%", text.Text);
        Assert.Equal(html.IndexOf('增', StringComparison.Ordinal), text.SourceStart(0));
        Assert.Equal(html.IndexOf("&amp;", StringComparison.Ordinal), text.SourceStart(2));
        Assert.Equal(html.IndexOf("&amp;", StringComparison.Ordinal) + 5, text.SourceEnd(3));
    }

    [Fact]
    public void Html_fixture_parses_with_offsets_into_the_page()
    {
        var path = TestData.Fixture("heping-2021.html");
        var page = File.ReadAllText(path);
        var report = TestData.Single(path);
        Assert.Equal("120101", report.Region!.Code);
        Assert.Equal("天津市", report.Region.Province);
        var gdp = TestData.Target(report, "gdp_growth");
        Assert.Equal("地区生产总值增长6%左右", page[gdp.Start..gdp.End]);
        Assert.Equal(7, TestData.Target(report, "gdp_growth", stretch: true).Low);
        Assert.DoesNotContain(report.Targets, t => t.Low == 99);
    }
}
