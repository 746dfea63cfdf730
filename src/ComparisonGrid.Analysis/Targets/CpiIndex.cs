using System.Text.RegularExpressions;
using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>
/// Consumer prices written as an index with last year at 100 (居民消费价格指数103.5%以内, 涨幅104%左右), as reports of
/// the 1990s and 2000s and some counties still write them: the figure is read as the rise it states (3.5), the quote
/// stays as written, and the report says so (<c>cpi-index</c>).
/// </summary>
public static partial class CpiIndex
{
    // No annual price rise in the reports' span comes near 20 % (1994's 24 % aside, written as a rise); an index does.
    private const double IndexBase = 100;
    private const double MaxIndex = 120;

    [GeneratedRegex(@"1[01]\d(?:\.\d+)?\s*%")]
    private static partial Regex IndexFigure();

    public static bool IsIndex(string indicator, double low, double high, string? unit) =>
        indicator == "cpi" && unit is "%" or null && low is >= IndexBase and < MaxIndex && high is >= IndexBase and < MaxIndex;

    public static double Rise(double index) => Math.Round(index - IndexBase, 2);

    /// <summary>Whether a cpi figure read from the report was written as an index: its quote holds the index.</summary>
    public static bool WasIndex(string indicator, double? low, string quote) =>
        indicator == "cpi" && low is < MaxIndex - IndexBase && IndexFigure().IsMatch(quote);

    public static QualityNote Note(string quote, double? rise, int start, int end) =>
        new(QualityFlags.CpiIndex, $"consumer prices written as an index ({quote}) are read as a rise of {rise}%", start, end);
}
