using System.Text.RegularExpressions;

namespace ComparisonGrid.Analysis.Splitting;

/// <summary>The line naming the congress session a report was delivered at: 在临汾市第五届人民代表大会第一次会议上.</summary>
public static partial class MeetingLine
{
    private const string Numeral = "[一二三四五六七八九十百零〇○0-9]+";

    [GeneratedRegex(@"在(?<body>[^\s，,。;；:：、“”]{0,24}?)第" + Numeral + "届(?<national>全国)?人民代表大会(?:常务委员会)?第" + Numeral + "次(?:全体)?会议上")]
    public static partial Regex Pattern();
}
