using System.Globalization;
using ComparisonGrid.Analysis.Decoding;
using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Evaluation;

/// <summary>One labelled target: a row of a gold targets.tsv (see tests/corpus/dev/README.md).</summary>
/// <param name="Comparator">Null for <c>*</c>: any comparator counts.</param>
/// <param name="Indicator"><c>none</c> for a report labelled as stating no quantified annual target.</param>
/// <param name="Low">Null (written <c>-</c>) for a relation target, which has no figure.</param>
public sealed record GoldTarget(string File, string RegionCode, int Year, string Indicator, Comparator? Comparator, double? Low, double? High, bool Stretch, int Line, IReadOnlyList<string> Quotes);

/// <summary>One labelled achieved figure: a row of a gold achieved.tsv.</summary>
public sealed record GoldAchievement(string File, string RegionCode, int Year, string Indicator, double Value, int Line, IReadOnlyList<string> Quotes);

/// <summary>
/// Reads the gold TSVs: comment lines, a <c># file (…)</c> line opening each report's block, <c>#   fragment</c>
/// lines quoting its source sentences, then tab-separated rows. A malformed row is an error naming its line.
/// </summary>
public static class GoldLabels
{
    /// <summary>The indicator of a row saying the report states no quantified annual target: its other columns are <c>-</c>.</summary>
    public const string NoTarget = "none";

    public static IReadOnlyList<GoldTarget> ReadTargets(string text, string name) =>
        Read(text, name, 8, (cells, line, quotes) => cells[3] == NoTarget
            ? new GoldTarget(cells[0], cells[1], Int(cells[2], name, line), NoTarget, null, null, null, false, line, quotes)
            : new GoldTarget(
                cells[0], cells[1], Int(cells[2], name, line), cells[3], ComparatorOf(cells[4], name, line),
                Bound(cells[5], name, line), Bound(cells[6], name, line), Bool(cells[7], name, line), line, quotes));

    public static IReadOnlyList<GoldAchievement> ReadAchievements(string text, string name) =>
        Read(text, name, 5, (cells, line, quotes) => new GoldAchievement(
            cells[0], cells[1], Int(cells[2], name, line), cells[3], Number(cells[4], name, line), line, quotes));

    private static List<T> Read<T>(string text, string name, int columns, Func<string[], int, IReadOnlyList<string>, T> row)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<T>();
        var quotes = new List<string>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith('#'))
            {
                if (line.StartsWith("#   ", StringComparison.Ordinal))
                {
                    quotes.Add(line[4..]);
                }
                else if (line.Contains(".txt", StringComparison.Ordinal) || line.Contains(".htm", StringComparison.Ordinal))
                {
                    quotes = [];
                }
                continue;
            }
            var cells = line.Split('\t');
            if (cells.Length < columns)
            {
                throw new InputFormatException($"{name}: line {lineNumber} has {cells.Length} columns, expected {columns}", $"line {lineNumber}");
            }
            rows.Add(row(cells, lineNumber, quotes));
        }
        return rows;
    }

    private static int Int(string s, string name, int line) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(name, line, $"'{s}' is not a year");

    private static double Number(string s, string name, int line) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(name, line, $"'{s}' is not a number");

    private static double? Bound(string s, string name, int line) => s == "-" ? null : Number(s, name, line);

    private static bool Bool(string s, string name, int line) => s switch
    {
        "true" => true,
        "false" => false,
        _ => throw Bad(name, line, $"'{s}' is not true or false"),
    };

    private static Comparator? ComparatorOf(string s, string name, int line) => s switch
    {
        "*" => null,
        "about" => Comparator.About,
        "at_least" => Comparator.AtLeast,
        "at_most" => Comparator.AtMost,
        "exact" => Comparator.Exact,
        "range" => Comparator.Range,
        "relation" => Comparator.Relation,
        _ => throw Bad(name, line, $"'{s}' is not a comparator"),
    };

    private static InputFormatException Bad(string name, int line, string problem) => new($"{name}: line {line}: {problem}", $"line {line}");
}
