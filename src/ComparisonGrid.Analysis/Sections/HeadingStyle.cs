namespace ComparisonGrid.Analysis.Sections;

/// <summary>The numbering styles of report outlines, in their customary order of depth.</summary>
public enum HeadingStyle
{
    /// <summary>一、</summary>
    ChineseComma = 0,

    /// <summary>（一）</summary>
    ChineseParenthesised = 1,

    /// <summary>1. / 1、 / （1）</summary>
    Arabic = 2,

    /// <summary>一是 / 二是: points within a paragraph.</summary>
    Ordinal = 3,
}
