using System.Globalization;
using System.Text;
using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Evaluation;

/// <summary>
/// Scores parsed reports against gold labels. Pure: the caller parses the files and hands over, per gold file
/// name, the reports the file yielded. A file of one report is scored as that report; in a file of several (a page
/// of ten reports) each gold block is scored against the report of its region and year.
/// </summary>
public static class Evaluator
{
    private const double Tolerance = 1e-6;

    public static EvalResult Score(
        IReadOnlyList<GoldTarget> targets,
        IReadOnlyList<GoldAchievement> achievements,
        IReadOnlyDictionary<string, IReadOnlyList<Report>> parsed)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(achievements);
        ArgumentNullException.ThrowIfNull(parsed);
        var misses = new List<EvalMiss>();
        var reports = new Dictionary<(string File, string Code, int Year), Report?>();

        var files = targets.Select(t => (t.File, t.RegionCode, Year: t.Year))
            .Concat(achievements.Select(a => (a.File, a.RegionCode, Year: a.Year + 1)))
            .Distinct()
            .ToList();
        var regionYearRight = 0;
        foreach (var (file, code, year) in files)
        {
            var report = ReportFor(parsed.GetValueOrDefault(file) ?? [], code, year);
            reports[(file, code, year)] = report;
            if (report?.Region?.Code == code && report.Year == year)
            {
                regionYearRight++;
                continue;
            }
            var got = report is null ? "no report" : $"{report.Region?.Name ?? "no region"} {report.Region?.Code ?? "-"} {report.Year?.ToString(CultureInfo.InvariantCulture) ?? "no year"}";
            misses.Add(new EvalMiss("region-year", file, "", $"{code} {year}", got, report?.Title));
        }

        var found = targets.Where(g => g.Indicator != GoldLabels.NoTarget).Select(g => (Gold: g, Hit: Extracted(reports, g).Any(t => Matches(t, g)))).ToList();
        foreach (var (gold, _) in found.Where(f => !f.Hit))
        {
            misses.Add(new EvalMiss("target", gold.File, gold.Indicator, Describe(gold),
                Got(Extracted(reports, gold).Where(t => t.Indicator == gold.Indicator && !t.Stretch).Select(Describe)), QuoteFor(gold.Quotes, gold.Low)));
        }

        var wrong = 0;
        var compared = 0;
        foreach (var block in targets.GroupBy(t => (t.File, t.RegionCode, t.Year)))
        {
            var file = block.Key.File;
            var gold = block.ToList();
            var labelled = gold.Select(g => g.Indicator).ToHashSet(StringComparer.Ordinal);
            foreach (var t in (reports.GetValueOrDefault(block.Key)?.Targets ?? []).Where(t => !t.Stretch && labelled.Contains(t.Indicator)))
            {
                compared++;
                if (!gold.Any(g => g.Indicator == t.Indicator && Near(t.Low, g.Low) && Near(t.High, g.High)))
                {
                    wrong++;
                    misses.Add(new EvalMiss("wrong", file, t.Indicator, Got(gold.Where(g => g.Indicator == t.Indicator).Select(Describe)), Describe(t), t.Quote));
                }
            }
        }

        var achieved = achievements.Select(g => (Gold: g, Hit: Achieved(reports, g).Any(a => Matches(a, g)))).ToList();
        foreach (var (gold, _) in achieved.Where(f => !f.Hit))
        {
            misses.Add(new EvalMiss("achieved", gold.File, gold.Indicator, $"{Number(gold.Value)} ({gold.Year})",
                Got(Achieved(reports, gold).Where(a => a.Indicator == gold.Indicator).Select(a => $"{Number(a.Low)} ({a.Year?.ToString(CultureInfo.InvariantCulture) ?? "?"})")),
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

    private static Report? ReportFor(IReadOnlyList<Report> inFile, string code, int year) =>
        inFile.Count == 1 ? inFile[0]
            : inFile.FirstOrDefault(r => r.Region?.Code == code && r.Year == year) ?? inFile.FirstOrDefault(r => r.Region?.Code == code);

    private static IEnumerable<Target> Extracted(Dictionary<(string, string, int), Report?> reports, GoldTarget g) =>
        reports.GetValueOrDefault((g.File, g.RegionCode, g.Year))?.Targets ?? [];

    private static IEnumerable<Achievement> Achieved(Dictionary<(string, string, int), Report?> reports, GoldAchievement g) =>
        reports.GetValueOrDefault((g.File, g.RegionCode, g.Year + 1))?.Achievements ?? [];

    private static bool Matches(Target t, GoldTarget g) =>
        t.Indicator == g.Indicator && t.Stretch == g.Stretch && (g.Comparator is null || t.Comparator == g.Comparator)
        && Near(t.Low, g.Low) && Near(t.High, g.High);

    private static bool Matches(Achievement a, GoldAchievement g) =>
        a.Indicator == g.Indicator && a.Year == g.Year && Near(a.Low, g.Value);

    private static bool Near(double? value, double? gold) =>
        value is double v ? gold is double g && Math.Abs(v - g) < Tolerance : gold is null;

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

    private static string ComparatorName(Comparator? c) => c is { } comparator ? WireNames.Of(comparator) : "*";

    private static string Got(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? "nothing" : string.Join(", ", list);
    }

    /// <summary>The quoted fragment that holds the figure, cut to a readable window around it.</summary>
    private static string? QuoteFor(IReadOnlyList<string> quotes, double? value)
    {
        if (quotes.Count == 0)
        {
            return null;
        }
        var figure = Number(value).TrimStart('-');
        if (value is null)
        {
            return quotes[0].Length > 80 ? quotes[0][..80] + "…" : quotes[0];
        }
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
