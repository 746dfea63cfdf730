using ComparisonGrid.Analysis.Decoding;
using ComparisonGrid.Analysis.Evaluation;
using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Tests;

/// <summary>
/// The parser against the hand-labelled gold of tests/corpus: the dev corpus (42 reports, the second release of
/// shared/corpus/dev) and the seeds. Floors, not exact counts, so a better parser passes and a worse one fails.
/// </summary>
public sealed class EvaluationTests
{
    private static readonly string Corpus = Path.Combine(TestData.RepositoryRoot, "tests", "corpus");

    private static EvalResult Evaluate(string goldDirectory, string textsDirectory)
    {
        var targets = GoldLabels.ReadTargets(File.ReadAllText(Path.Combine(goldDirectory, "targets.tsv")), "targets.tsv");
        var achievedPath = Path.Combine(goldDirectory, "achieved.tsv");
        var achieved = File.Exists(achievedPath) ? GoldLabels.ReadAchievements(File.ReadAllText(achievedPath), "achieved.tsv") : [];
        var reports = targets.Select(t => t.File).Concat(achieved.Select(a => a.File)).Distinct()
            .ToDictionary(f => f, f => TestData.Parse(Path.Combine(textsDirectory, f)).Reports);
        return Evaluator.Score(targets, achieved, reports);
    }

    private static string Misses(EvalResult r) => string.Join("\n", r.Misses.Select(m => $"{m.Kind} {m.File} {m.Indicator}: expected {m.Expected}, got {m.Got}"));

    [Fact]
    public void Dev_corpus_meets_the_floors()
    {
        var r = Evaluate(Path.Combine(Corpus, "dev"), Path.Combine(Corpus, "dev", "texts"));
        Assert.Equal(42, r.Reports);
        Assert.True(r.RegionYearAccuracy == 1, Misses(r));
        Assert.True(r.TargetRecall >= 0.99, $"target recall {r.TargetRecall:P1}\n{Misses(r)}");
        // 1.000 on the corpus's second release (issue 24 asks 0.95): a floor just under today's figure, raised as it rises.
        Assert.True(r.AchievedRecall >= 0.98, $"achieved recall {r.AchievedRecall:P1}\n{Misses(r)}");
        Assert.True(r.WrongRate < 0.01, $"wrong figures {r.WrongRate:P1}\n{Misses(r)}");
        Assert.Equal(300, r.TargetsLabelled);
        Assert.Equal(203, r.AchievedLabelled);
    }

    [Fact]
    public void Seeds_are_all_right()
    {
        var r = Evaluate(Path.Combine(Corpus, "seeds"), Path.Combine(TestData.RepositoryRoot, "samples"));
        Assert.Equal(14, r.Reports);
        Assert.True(r.RegionYearAccuracy == 1 && r.TargetRecall == 1 && r.WrongFigures == 0, Misses(r));
    }

    [Fact]
    public void Every_report_with_a_review_opens_with_it_and_has_a_plan()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Corpus, "dev", "texts")).Concat(Directory.EnumerateFiles(Path.Combine(TestData.RepositoryRoot, "samples")));
        var parsed = files.Select(f => TestData.Parse(f).Reports).ToList();
        Assert.Equal(47, parsed.Count);
        Assert.All(parsed, r => Assert.NotEmpty(r));
        var reports = parsed.SelectMany(r => r).ToList();
        var wrong = reports.Where(r => r.Sections.Select(s => s.Kind).ToList() is var kinds
                && !(kinds.Count > 0 && kinds[0] == SectionKind.Review && kinds.Contains(SectionKind.Plan) && !kinds.Contains(SectionKind.Other)))
            .Select(r => $"{r.Source.Input} {r.Region?.Name}: {string.Join(", ", r.Sections.Select(s => $"{s.Kind} {s.Title}"))}")
            .ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {reports.Count} outlines do not open with the review and hold a plan:\n{string.Join("\n", wrong)}");
        var parts = reports.SelectMany(r => r.Sections).ToList();
        var other = parts.Where(s => s.Kind == SectionKind.Other).Select(s => s.Title).ToList();
        Assert.True(other.Count < parts.Count * 0.05, $"{other.Count} of {parts.Count} top-level parts are other: {string.Join(", ", other)}");
    }

    [Fact]
    public void A_miss_and_a_wrong_figure_are_counted()
    {
        var gold = GoldLabels.ReadTargets(
            "# a.txt (x)\n#   地区生产总值增长6%左右，居民消费价格涨幅3%左右\na.txt\t110000\t2024\tgdp_growth\tabout\t6\t6\tfalse\na.txt\t110000\t2024\tcpi\tabout\t3\t3\tfalse\n", "t.tsv");
        var report = TestData.Pipeline.Parse(new SourceDocument("a.txt",
            System.Text.Encoding.UTF8.GetBytes("2024年北京市政府工作报告\n今年主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅3%左右。\n"))).Reports;
        var r = Evaluator.Score(gold, [], new Dictionary<string, IReadOnlyList<Report>> { ["a.txt"] = report });
        Assert.Equal((1, 2, 1, 2), (r.TargetsFound, r.TargetsLabelled, r.WrongFigures, r.FiguresCompared));
        var miss = Assert.Single(r.Misses, m => m.Kind == "target");
        Assert.Equal(("gdp_growth", "about 6", "about 5%"), (miss.Indicator, miss.Expected, miss.Got));
        Assert.Contains("6%左右", miss.Quote, StringComparison.Ordinal);
        Assert.Equal(1, r.RegionYearRight);
    }

    [Fact]
    public void A_report_labelled_as_stating_no_target_is_checked_for_region_and_year_only()
    {
        var gold = GoldLabels.ReadTargets("# a.txt (x)\na.txt\t110000\t2024\tnone\t-\t-\t-\t-\n", "t.tsv");
        Assert.Equal(GoldLabels.NoTarget, Assert.Single(gold).Indicator);
        var report = TestData.Pipeline.Parse(new SourceDocument("a.txt",
            System.Text.Encoding.UTF8.GetBytes("2024年北京市政府工作报告\n今年我们将坚持稳中求进工作总基调，推动经济实现质的有效提升和量的合理增长，保持社会大局稳定。\n"))).Reports;
        var r = Evaluator.Score(gold, [], new Dictionary<string, IReadOnlyList<Report>> { ["a.txt"] = report });
        Assert.Equal((1, 1, 0, 0, 0), (r.Reports, r.RegionYearRight, r.TargetsLabelled, r.TargetsFound, r.WrongFigures));
    }

    [Fact]
    public void A_malformed_gold_row_names_its_line()
    {
        var e = Assert.Throws<InputFormatException>(() => GoldLabels.ReadTargets("# header\na.txt\t110000\t2024\tgdp_growth\tabout\tsix\t6\tfalse\n", "gold.tsv"));
        Assert.Contains("gold.tsv: line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("'six'", e.Message, StringComparison.Ordinal);
    }
}
