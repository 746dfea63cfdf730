using System.Globalization;
using ComparisonGrid.Analysis;
using ComparisonGrid.Analysis.Decoding;
using ComparisonGrid.Analysis.Evaluation;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Model;

namespace ComparisonGrid.Cli;

/// <summary>
/// <c>cgrid eval GOLD.tsv [--achieved ACHIEVED.tsv] TEXTS_DIR</c>: parses every file the gold names and prints
/// recall per indicator and overall, wrong figures, region+year accuracy and every miss with its sentence.
/// </summary>
internal sealed class EvalCommand(ReportPipeline pipeline, TextWriter stdout, TextWriter stderr)
{
    public const int BelowFloor = 1;

    public async Task<int> RunAsync(CommandLine cl, CancellationToken cancellationToken)
    {
        if (cl.Positional.Count != 2)
        {
            throw new UsageException("eval needs the gold targets TSV and the folder of texts it names");
        }
        var format = cl.Value("--format") ?? "table";
        if (format is not ("table" or "json"))
        {
            throw new UsageException($"--format must be table or json, not '{format}'");
        }
        var minRecall = cl.Number("--min-recall");
        var (goldPath, textsDir) = (cl.Positional[0], cl.Positional[1]);
        if (!Directory.Exists(textsDir))
        {
            throw new UsageException($"{textsDir}: no such folder");
        }
        IReadOnlyList<GoldTarget> targets;
        IReadOnlyList<GoldAchievement> achievements = [];
        try
        {
            targets = GoldLabels.ReadTargets(await ReadGold(goldPath, cancellationToken).ConfigureAwait(false), goldPath);
            if (cl.Value("--achieved") is { } achievedPath)
            {
                achievements = GoldLabels.ReadAchievements(await ReadGold(achievedPath, cancellationToken).ConfigureAwait(false), achievedPath);
            }
        }
        catch (InputFormatException e)
        {
            throw new UsageException(e.Message);
        }

        var files = targets.Select(t => t.File).Concat(achievements.Select(a => a.File)).Distinct(StringComparer.Ordinal).ToList();
        var reports = new Dictionary<string, IReadOnlyList<Report>>(StringComparer.Ordinal);
        var errors = new List<InputError>();
        foreach (var file in files)
        {
            var path = Path.Combine(textsDir, file);
            if (!File.Exists(path))
            {
                errors.Add(new InputError(path, "named in the gold but not in the folder"));
                reports[file] = [];
                continue;
            }
            var (document, error) = await SourceFiles.ReadAsync(path, ParseOptions.Default, "--max-size", cancellationToken).ConfigureAwait(false);
            var result = document is null ? new ParseResult([], [error!]) : pipeline.Parse(document);
            errors.AddRange(result.Errors);
            reports[file] = result.Reports;
        }

        var score = Evaluator.Score(targets, achievements, reports);
        await stdout.WriteLineAsync(format == "json" ? ReportJson.Serialize(score) : Table(score, achievements.Count > 0)).ConfigureAwait(false);
        foreach (var error in errors)
        {
            await stderr.WriteLineAsync($"cgrid: {error}").ConfigureAwait(false);
        }
        if (minRecall is double floor && score.TargetRecall < floor)
        {
            await stderr.WriteLineAsync(Invariant($"cgrid: target recall {score.TargetRecall:P1} is below --min-recall {floor:P1}")).ConfigureAwait(false);
            return BelowFloor;
        }
        return errors.Count == 0 ? 0 : ParseCommand.SomeInputsFailed;
    }

    private static async Task<string> ReadGold(string path, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new UsageException($"{path}: cannot read the gold file: {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read the gold file: permission denied");
        }
    }

    private static string Table(EvalResult r, bool withAchieved)
    {
        var lines = new List<string>
        {
            Invariant($"reports          {r.Reports}"),
            Invariant($"region+year      {r.RegionYearRight}/{r.Reports} ({r.RegionYearAccuracy:P1})"),
            Invariant($"targets          {r.TargetsFound}/{r.TargetsLabelled} ({r.TargetRecall:P1})"),
            Invariant($"wrong figures    {r.WrongFigures}/{r.FiguresCompared} ({r.WrongRate:P1})"),
        };
        if (withAchieved)
        {
            lines.Add(Invariant($"achieved         {r.AchievedFound}/{r.AchievedLabelled} ({r.AchievedRecall:P1})"));
        }
        lines.Add("");
        lines.Add("targets by indicator");
        lines.AddRange(r.Indicators.Select(i => Invariant($"  {i.Indicator,-36} {i.Found,3}/{i.Labelled,-3} {i.Recall,7:P1}")));
        if (withAchieved)
        {
            lines.Add("achieved by indicator");
            lines.AddRange(r.AchievedIndicators.Select(i => Invariant($"  {i.Indicator,-36} {i.Found,3}/{i.Labelled,-3} {i.Recall,7:P1}")));
        }
        if (r.Misses.Count > 0)
        {
            lines.Add("");
            lines.Add("misses");
            lines.AddRange(r.Misses.Select(m =>
                $"  {m.Kind,-11} {m.File} {m.Indicator} expected {m.Expected}, got {m.Got}{(m.Quote is null ? "" : $"  「{m.Quote}」")}"));
        }
        return string.Join('\n', lines);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
