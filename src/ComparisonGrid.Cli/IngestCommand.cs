using System.Collections.Concurrent;
using ComparisonGrid.Analysis;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;

namespace ComparisonGrid.Cli;

/// <summary>
/// <c>cgrid ingest</c>: parses inputs on all cores and stores each report through its report grain. Re-running
/// on the same files changes nothing; a bad file is listed and the rest go in.
/// </summary>
internal sealed class IngestCommand(ReportPipeline pipeline, IGrainFactory grains, TextWriter stdout, TextWriter stderr)
{
    private readonly FileParser _parser = new(pipeline);

    public async Task<int> RunAsync(CommandLine cl, CancellationToken cancellationToken)
    {
        if (cl.Positional.Count == 0)
        {
            throw new UsageException("ingest needs at least one file or folder");
        }
        var options = FileParser.Options(cl);
        var (files, missing) = InputFiles.Expand(cl.Positional);
        var failures = new ConcurrentQueue<string>(missing.Select(m => $"{m}: no such file or folder"));
        var outcomes = new ConcurrentQueue<IngestOutcome>();
        var progress = new Progress(stderr, files.Count, "ingested");
        await Parallel.ForEachAsync(files, new ParallelOptions { CancellationToken = cancellationToken }, async (file, ct) =>
        {
            var parsed = await _parser.ParseAsync(file, options, ct).ConfigureAwait(false);
            foreach (var error in parsed.Result.Errors)
            {
                failures.Enqueue(error.ToString());
            }
            var stored = 0;
            foreach (var report in parsed.Result.Reports)
            {
                var outcome = await IngestAsync(parsed, report).ConfigureAwait(false);
                if (outcome.Outcome is { } o)
                {
                    outcomes.Enqueue(o);
                    stored++;
                }
                else
                {
                    failures.Enqueue(outcome.Failure!);
                }
            }
            progress.Done(stored);
        }).ConfigureAwait(false);
        progress.Finish();

        var count = (IngestStatus s) => outcomes.Count(o => o.Status == s);
        await stdout.WriteLineAsync(
            $"ingested {outcomes.Count} reports from {files.Count} files: {count(IngestStatus.New)} new, " +
            $"{count(IngestStatus.Replaced)} replaced, {count(IngestStatus.Unchanged)} unchanged; {failures.Count} failed").ConfigureAwait(false);
        foreach (var failure in failures.Order(StringComparer.Ordinal))
        {
            await stderr.WriteLineAsync($"cgrid: {failure}").ConfigureAwait(false);
        }
        return failures.IsEmpty ? 0 : ParseCommand.SomeInputsFailed;
    }

    private async Task<(IngestOutcome? Outcome, string? Failure)> IngestAsync(ParsedFile parsed, Model.Report report)
    {
        var where = report.Source.Row is int row ? $"{parsed.Path} (row {row})" : $"{parsed.Path} (offset {report.Source.Start})";
        if (report.Region is null)
        {
            return (null, $"{where}: the region could not be resolved, so the report cannot be stored");
        }
        if (report.Year is null)
        {
            return (null, $"{where}: the year could not be determined, so the report cannot be stored");
        }
        try
        {
            var grain = grains.GetGrain<IReportGrain>(ReportKey.For(report.Region.Code, report.Year.Value));
            return (await grain.IngestAsync(report, parsed.SourceHash(report)).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is InconsistentStateException or TimeoutException or InvalidOperationException or ArgumentException)
        {
            return (null, $"{where}: not stored: {e.Message}");
        }
    }
}
