using ComparisonGrid.Analysis;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Model;

namespace ComparisonGrid.Cli;

/// <summary><c>cgrid parse</c>: every input to the JSON of shared/spec/targets.md; bad inputs named on stderr.</summary>
internal sealed class ParseCommand(ReportPipeline pipeline, TextWriter stdout, TextWriter stderr)
{

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
        else
        {
            await stdout.WriteLineAsync(json).ConfigureAwait(false);
        }
        foreach (var error in errors)
        {
            await stderr.WriteLineAsync($"cgrid: {error}").ConfigureAwait(false);
        }
        return errors.Count == 0 ? 0 : SomeInputsFailed;
    }
}
