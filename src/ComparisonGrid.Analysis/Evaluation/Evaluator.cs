using System.Globalization;
using System.Text;
using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Evaluation;

/// <summary>
/// Scores parsed reports against gold labels. Pure: the caller parses the files and hands over, per gold file
/// name, the report the file yielded (the longest, when a file splits into several) or null when it yielded none.
/// </summary>
public static class Evaluator
{
    private const double Tolerance = 1e-6;

    public static EvalResult Score(
        IReadOnlyList<GoldTarget> targets,
        IReadOnlyList<GoldAchievement> achievements,
        IReadOnlyDictionary<string, Report?> reports)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(achievements);
        ArgumentNullException.ThrowIfNull(reports);
        var misses = new List<EvalMiss>();

        var files = targets.Select(t => (t.File, t.RegionCode, Year: t.Year))
            .Concat(achievements.Select(a => (a.File, a.RegionCode, Year: a.Year + 1)))
            .DistinctBy(f => f.File)
            .ToList();
        var regionYearRight = 0;
        foreach (var (file, code, year) in files)
        {
            var report = reports.GetValueOrDefault(file);
            if (report?.Region?.Code == code && report.Year == year)
            {
                regionYearRight++;
                continue;
            }
            var got = report is null ? "no report" : $"{report.Region?.Name ?? "no region"} {report.Region?.Code ?? "-"} {report.Year?.ToString(CultureInfo.InvariantCulture) ?? "no year"}";
            misses.Add(new EvalMiss("region-year", file, "", $"{code} {year}", got, report?.Title));
        }

        var found = targets.Where(g => g.Indicator != "none").Select(g => (Gold: g, Hit: Extracted(reports, g.File).Any(t => Matches(t, g)))).ToList();
        foreach (var (gold, _) in found.Where(f => !f.Hit))
        {
            misses.Add(new EvalMiss("target", gold.File, gold.Indicator, Describe(gold),
                Got(Extracted(reports, gold.File).Where(t => t.Indicator == gold.Indicator && !t.Stretch).Select(Describe)), QuoteFor(gold.Quotes, gold.Low)));
        }

        var wrong = 0;
        var compared = 0;
        foreach (var file in targets.Select(t => t.File).Distinct())
        {
            var gold = targets.Where(t => t.File == file).ToList();
            var labelled = gold.Select(g => g.Indicator).ToHashSet(StringComparer.Ordinal);
            foreach (var t in Extracted(reports, file).Where(t => !t.Stretch && labelled.Contains(t.Indicator)))
            {
                compared++;
                if (!gold.Any(g => g.Indicator == t.Indicator && Near(t.Low, g.Low) && Near(t.High, g.High)))
                {
                    wrong++;
                    misses.Add(new EvalMiss("wrong", file, t.Indicator, Got(gold.Where(g => g.Indicator == t.Indicator).Select(Describe)), Describe(t), t.Quote));
                }
            }
        }

        var achieved = achievements.Select(g => (Gold: g, Hit: Achieved(reports, g.File).Any(a => Matches(a, g)))).ToList();
        foreach (var (gold, _) in achieved.Where(f => !f.Hit))
        {
            misses.Add(new EvalMiss("achieved", gold.File, gold.Indicator, $"{Number(gold.Value)} ({gold.Year})",
                Got(Achieved(reports, gold.File).Where(a => a.Indicator == gold.Indicator).Select(a => $"{Number(a.Low)} ({a.Year?.ToString(CultureInfo.InvariantCulture) ?? "?"})")),
                QuoteFor(gold.Quotes, gold.Value)));
        }

        return new EvalResult(
            files.Count,
            regionYearRight,
            found.Count(f => f.Hit),
            found.Count,
            wrong,
            compared,
            achieved.Count(a => a.Hit),
            achieved.Count,
            PerIndicator(found.Select(f => (f.Gold.Indicator, f.Hit))),
            PerIndicator(achieved.Select(a => (a.Gold.Indicator, a.Hit))),
            misses);
    }

    private static IEnumerable<Target> Extracted(IReadOnlyDictionary<string, Report?> reports, string file) =>
        reports.GetValueOrDefault(file)?.Targets ?? [];

    private static IEnumerable<Achievement> Achieved(IReadOnlyDictionary<string, Report?> reports, string file) =>
        reports.GetValueOrDefault(file)?.Achievements ?? [];

    private static bool Matches(Target t, GoldTarget g) =>
        t.Indicator == g.Indicator && t.Stretch == g.Stretch && (g.Comparator is null || t.Comparator == g.Comparator)
        && Near(t.Low, g.Low) && Near(t.High, g.High);

    private static bool Matches(Achievement a, GoldAchievement g) =>
        a.Indicator == g.Indicator && a.Year == g.Year && Near(a.Low, g.Value);

    private static bool Near(double? value, double gold) => value is double v && Math.Abs(v - gold) < Tolerance;

    private static List<IndicatorRecall> PerIndicator(IEnumerable<(string Indicator, bool Hit)> rows) =>
        [.. rows.GroupBy(r => r.Indicator, StringComparer.Ordinal)
            .Select(g => new IndicatorRecall(g.Key, g.Count(r => r.Hit), g.Count()))
            .OrderByDescending(r => r.Labelled).ThenBy(r => r.Indicator, StringComparer.Ordinal)];

    private static string Describe(GoldTarget g) =>
        $"{ComparatorName(g.Comparator)} {Range(g.Low, g.High)}{(g.Stretch ? " stretch" : "")}";

    private static string Describe(Target t) =>
        $"{ComparatorName(t.Comparator)} {Range(t.Low, t.High)}{t.Unit}{(t.Stretch ? " stretch" : "")}";

    private static string Range(double? low, double? high) => low == high ? Number(low) : $"{Number(low)}-{Number(high)}";

    private static string Number(double? v) => v?.ToString("0.###", CultureInfo.InvariantCulture) ?? "?";

    private static string ComparatorName(Comparator? c) => c switch
    {
        null => "*",
        Comparator.AtLeast => "at_least",
        Comparator.AtMost => "at_most",
        _ => c.Value.ToString().ToLowerInvariant(),
    };

    private static string Got(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? "nothing" : string.Join(", ", list);
    }

    /// <summary>The quoted fragment that holds the figure, cut to a readable window around it.</summary>
    private static string? QuoteFor(IReadOnlyList<string> quotes, double value)
    {
        if (quotes.Count == 0)
        {
            return null;
        }
        var figure = Number(value).TrimStart('-');
        foreach (var quote in quotes)
        {
            var folded = quote.Normalize(NormalizationForm.FormKC);
            var at = folded.IndexOf(figure, StringComparison.Ordinal);
            if (at >= 0)
            {
                var start = Math.Max(0, at - 30);
                var end = Math.Min(folded.Length, at + figure.Length + 12);
                return (start > 0 ? "…" : "") + folded[start..end] + (end < folded.Length ? "…" : "");
            }
        }
        return quotes[0].Length > 80 ? quotes[0][..80] + "…" : quotes[0];
    }
}
