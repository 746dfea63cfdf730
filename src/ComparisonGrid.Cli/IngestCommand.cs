using ComparisonGrid.Analysis;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Ingestion;

namespace ComparisonGrid.Cli;

/// <summary>
/// <c>cgrid ingest</c>: parses inputs on all cores and stores each report through its report grain. Re-running
/// on the same files changes nothing; a bad file is listed and the rest go in.
/// </summary>
internal sealed class IngestCommand(ReportPipeline pipeline, IGrainFactory grains, TextWriter stdout, TextWriter stderr)
{
    private readonly ReportIngestor _ingestor = new(pipeline, grains);

    public async Task<int> RunAsync(CommandLine cl, CancellationToken cancellationToken)
    {
        if (cl.Positional.Count == 0)
        {
            throw new UsageException("ingest needs at least one file or folder");
        }
        var options = ParseArguments.Options(cl);
        var (files, missing) = InputFiles.Expand(cl.Positional);
        var progress = new Progress(stderr, files.Count, "ingested");
        var batch = await _ingestor.IngestFilesAsync(files, options, "--max-size", Environment.ProcessorCount, file =>
        {
            progress.Done(file.Ingested.Count);
            return ValueTask.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        progress.Finish();
        var outcomes = batch.Ingested;
        var failures = missing.Select(m => $"{m}: no such file or folder").Concat(batch.Failed.Select(f => f.ToString())).ToList();

        var count = (IngestStatus s) => outcomes.Count(o => o.Status == s);
        await stdout.WriteLineAsync(
            $"ingested {outcomes.Count} reports from {files.Count} files: {count(IngestStatus.New)} new, " +
            $"{count(IngestStatus.Replaced)} replaced, {count(IngestStatus.Unchanged)} unchanged; {failures.Count} failed" +
            (count(IngestStatus.Held) is var held and > 0 ? $"; {held} held (region only guessed, and a resolved report is stored for it)" : "")).ConfigureAwait(false);
        foreach (var failure in failures.Order(StringComparer.Ordinal))
        {
            await stderr.WriteLineAsync($"cgrid: {failure}").ConfigureAwait(false);
        }
        return failures.Count == 0 ? 0 : ParseCommand.SomeInputsFailed;
    }
}
