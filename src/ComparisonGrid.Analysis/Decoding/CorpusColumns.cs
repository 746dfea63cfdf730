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

    /// <summary>
    /// The longest hint taken, in characters: a title, a region name or code, a URL or a date is short, and a hint is
    /// stored with the report and sent back on every read of it (a title of millions of characters would be too).
    /// </summary>
    public const int MaxHintCharacters = 1000;

    /// <exception cref="InputFormatException">A hint is longer than <see cref="MaxHintCharacters"/>.</exception>
    public static ReportHints Hints(Func<string[], string?> value)
    {
        value = Bounded(value);
        var year = value(Year);
        return new ReportHints(
            Title: value(Title),
            Year: int.TryParse(year?.Trim().TrimEnd('年'), out var y) && y is > 1949 and < 2200 ? y : null,
            Province: value(Province),
            Region: value(RegionCode) ?? value(Region),
            Url: value(Url),
            PublishDate: value(PublishDate));
    }

    private static Func<string[], string?> Bounded(Func<string[], string?> value) => names =>
    {
        var hint = value(names);
        return hint is { Length: > MaxHintCharacters }
            ? throw new InputFormatException($"the {names[0]} hint is {hint.Length:N0} characters, over the limit of {MaxHintCharacters:N0}")
            : hint;
    };
}
