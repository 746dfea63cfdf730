namespace ComparisonGrid.Analysis.Decoding;

/// <summary>The column names a corpus may use, matched without regard to case.</summary>
internal static class CorpusColumns
{
    public static readonly string[] Text = ["full_text", "content", "text", "正文", "全文", "内容"];
    public static readonly string[] Title = ["title", "标题"];
    public static readonly string[] Year = ["year", "年份", "年度", "报告年份"];
    public static readonly string[] Province = ["province", "省份"];
    public static readonly string[] Region = ["region", "city", "county", "地区", "城市", "区县", "区县名称", "地区名称"];

    /// <summary>A division code (区县代码 130623) names the region beyond doubt, so it is read before a name.</summary>
    public static readonly string[] RegionCode = ["code", "region_code", "区县代码", "地区代码", "行政区划代码", "城市代码"];
    public static readonly string[] Url = ["url", "link", "链接"];
    public static readonly string[] PublishDate = ["publish_date", "date", "发布日期"];

    public static ReportHints Hints(Func<string[], string?> value)
    {
        var year = value(Year);
        return new ReportHints(
            Title: value(Title),
            Year: int.TryParse(year?.Trim().TrimEnd('年'), out var y) && y is > 1949 and < 2200 ? y : null,
            Province: value(Province),
            Region: value(RegionCode) ?? value(Region),
            Url: value(Url),
            PublishDate: value(PublishDate));
    }
}
