using System.Collections.Concurrent;
using ComparisonGrid.Analysis;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.Ingestion;

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
        var failures = new ConcurrentQueue<string>(missing.Select(m => $"{m}: no such file or folder"));
        var outcomes = new ConcurrentQueue<IngestOutcome>();
        var progress = new Progress(stderr, files.Count, "ingested");
        await Parallel.ForEachAsync(files, new ParallelOptions { CancellationToken = cancellationToken }, async (file, ct) =>
        {
            var (document, error) = await SourceFiles.ReadAsync(file, options, "--max-size", ct).ConfigureAwait(false);
            IngestBatch batch;
            try
            {
                batch = document is null ? new IngestBatch([], [error!]) : await _ingestor.IngestAsync(document, options).ConfigureAwait(false);
            }
            catch (StorageUnavailableException e)
            {
                batch = new IngestBatch([], [new Model.InputError(file, $"not stored: {e.Message}")]);
            }
            foreach (var failure in batch.Failed)
            {
                failures.Enqueue(failure.ToString());
            }
            foreach (var outcome in batch.Ingested)
            {
                outcomes.Enqueue(outcome);
            }
            progress.Done(batch.Ingested.Count);
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
}
