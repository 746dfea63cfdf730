using System.Globalization;
using System.Text;
using ComparisonGrid.Analysis;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Model;

namespace ComparisonGrid.Cli;

/// <summary><c>cgrid parse</c>: every input to the JSON of shared/spec/targets.md; bad inputs named on stderr.</summary>
internal sealed class ParseCommand(ReportPipeline pipeline, TextWriter stdout, TextWriter stderr)
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "--explain" };

    public static readonly IReadOnlySet<string> Valued = new HashSet<string>(StringComparer.Ordinal) { "--out", "--text-column", "--max-size", "--max-report-chars" };

    public const int SomeInputsFailed = 2;

    public async Task<int> RunAsync(CommandLine cl, CancellationToken cancellationToken)
    {
        if (cl.Positional.Count == 0)
        {
            throw new UsageException("parse needs at least one file or folder");
        }
        var options = ParseArguments.Options(cl);
        var (files, missing) = InputFiles.Expand(cl.Positional);
        var errors = missing.Select(m => new InputError(m, "no such file or folder")).ToList();
        var results = new ParseResult[files.Count];
        var progress = new Progress(stderr, files.Count, "parsed");
        await Parallel.ForAsync(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var (document, error) = await SourceFiles.ReadAsync(files[i], options, "--max-size", ct).ConfigureAwait(false);
            results[i] = document is null ? new ParseResult([], [error!]) : pipeline.Parse(document, options);
            progress.Done(results[i].Reports.Count);
        }).ConfigureAwait(false);
        progress.Finish();

        var reports = results.SelectMany(r => r.Reports).ToList();
        errors.AddRange(results.SelectMany(r => r.Errors));
        var json = ReportJson.Serialize(new ParseOutput(reports, errors));
        if (cl.Value("--out") is { } outFile)
        {
            await File.WriteAllTextAsync(outFile, json + "\n", cancellationToken).ConfigureAwait(false);
        }
        else if (!cl.Has("--explain"))
        {
            await stdout.WriteLineAsync(json).ConfigureAwait(false);
        }
        if (cl.Has("--explain"))
        {
            await stdout.WriteAsync(Explain(reports)).ConfigureAwait(false);
        }
        foreach (var error in errors)
        {
            await stderr.WriteLineAsync($"cgrid: {error}").ConfigureAwait(false);
        }
        return errors.Count == 0 ? 0 : SomeInputsFailed;
    }

    /// <summary>
    /// Per report, what was read and the clauses read as nothing (<see cref="UnreadClause"/>), each with its part,
    /// offset in the input, indicators and quote: where to look first in a report whose figures look thin.
    /// </summary>
    private static string Explain(IEnumerable<Report> reports)
    {
        var text = new StringBuilder();
        foreach (var r in reports)
        {
            var unread = r.Unread ?? [];
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Source.Input}{(r.Source.Row is { } row ? $" row {row}" : "")}  {r.Region?.Name ?? "?"} {r.Region?.Code ?? "?"} {r.Year?.ToString(CultureInfo.InvariantCulture) ?? "?"}: ");
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Targets.Count} targets, {r.Achievements.Count} achievements, {unread.Count} clause{(unread.Count == 1 ? "" : "s")} read as neither");
            var incomplete = r.Flags.Where(f => f is QualityFlags.TargetsIncomplete or QualityFlags.AchievementsIncomplete).ToList();
            text.Append(incomplete.Count > 0 ? $" ({string.Join(", ", incomplete)})\n" : "\n");
            foreach (var u in unread)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"  {u.Part,-6} offset {u.Start,-7} {string.Join("|", u.Indicators),-40} 「{u.Quote}」\n");
            }
        }
        return text.ToString();
    }
}
