using System.Collections.Concurrent;
using System.Security.Cryptography;
using ComparisonGrid.Analysis;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Application.Ingestion;

/// <summary>
/// Parses one input and stores each of its reports through its report grain. Whatever cannot be stored
/// (unparseable input, a report without region or year) comes back as a failure naming the input and where.
/// </summary>
public sealed class ReportIngestor(ReportPipeline pipeline, IGrainFactory grains)
{
    private const int CollectAfterDecodingBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Stores each report as soon as it is parsed, so memory follows the report being stored, not every report of
    /// the input at once. Not async itself: the caller's bytes are not kept once decoded, so a caller that hands the
    /// document over without keeping it (as the gateway does) frees them while hundreds of reports are stored.
    /// </summary>
    public Task<IngestBatch> IngestAsync(SourceDocument document, ParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        var contentHash = Convert.ToHexString(SHA256.HashData(document.Content.Span));
        var items = pipeline.ParseEach(document, options);
        return StoreAsync(document.Name, contentHash, items, document.Content.Length >= CollectAfterDecodingBytes);
    }

    private async Task<IngestBatch> StoreAsync(string name, string contentHash, IEnumerable<ParsedItem> items, bool collect)
    {
        if (collect)
        {
            // Bytes of this size are garbage once decoded, but as large objects they wait for a full collection, which
            // parsing's own allocations do not bring about in time. One collection keeps the peak at what parsing
            // holds, not that plus the bytes (docs/benchmarks.md, "Large bodies"): a pause of milliseconds against
            // seconds of parsing. It runs after a yield, once the callers' frames that held the bytes have returned.
            await Task.Yield();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        }
        var failures = new List<InputError>();
        var outcomes = new List<IngestOutcome>();
        foreach (var item in items)
        {
            if (item.Report is not { } report)
            {
                failures.Add(item.Error!);
                continue;
            }
            var where = report.Source.Row is int row ? $"row {row}" : $"offset {report.Source.Start}";
            try
            {
                var sourceHash = SourceHash(contentHash, report);
                // A user moved this source before: it goes where they said, not where the parser guesses again.
                if (await GridFaults.AcrossFailoverAsync(() => grains.Corrections().FindAsync(sourceHash)).ConfigureAwait(false) is { } correction
                    && pipeline.Corrected(report, correction.RegionCode, correction.Year) is { } corrected)
                {
                    report = corrected;
                    sourceHash = SourceHashes.Corrected(sourceHash, correction.RegionCode, correction.Year);
                }
                if (report.Region is null || report.Year is null)
                {
                    var missing = report.Region is null ? "region" : "year";
                    failures.Add(new InputError(name, $"the {missing} could not be determined, so the report cannot be stored", where));
                    continue;
                }
                var grain = grains.Report(report.Region.Code, report.Year.Value);
                // Ingesting the same source twice changes nothing, so a call that met a dying silo is sent again.
                var text = item.SourceText();
                outcomes.Add(await GridFaults.AcrossFailoverAsync(() => grain.IngestAsync(report, sourceHash, text)).ConfigureAwait(false));
            }
            catch (Exception e) when (e is Orleans.Storage.InconsistentStateException or TimeoutException or InvalidOperationException or ArgumentException)
            {
                failures.Add(new InputError(name, $"not stored: {e.Message}", where));
            }
        }
        return new IngestBatch(outcomes, failures);
    }

    /// <summary>
    /// The one folder-ingest loop (CLI, bulk jobs, the first start's samples): reads and ingests each file, up to
    /// <paramref name="parallelism"/> at once; an unreadable or oversized file, or one the store refused, is a
    /// failure naming it and the rest go in. <paramref name="fileDone"/> hears of each file as it finishes.
    /// </summary>
    /// <param name="limitSetting">How the user sets the size limit, named when a file is over it.</param>
    /// <param name="beneath">The root every file is read beneath without following links (server-side folders), or null.</param>
    public async Task<IngestBatch> IngestFilesAsync(IReadOnlyList<string> files, ParseOptions options, string limitSetting, int parallelism,
        Func<IngestBatch, ValueTask>? fileDone, CancellationToken cancellationToken, string? beneath = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var ingested = new ConcurrentQueue<IngestOutcome>();
        var failed = new ConcurrentQueue<InputError>();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (file, ct) =>
        {
            IngestBatch batch;
            try
            {
                // The file read goes straight to the ingestor, so no local keeps its bytes once they are decoded.
                batch = await IngestReadAsync(await SourceFiles.ReadAsync(file, options, limitSetting, ct, beneath).ConfigureAwait(false), options).ConfigureAwait(false);
            }
            catch (StorageUnavailableException e)
            {
                batch = new IngestBatch([], [new InputError(file, $"not stored: {e.Message}")]);
            }
            foreach (var outcome in batch.Ingested)
            {
                ingested.Enqueue(outcome);
            }
            foreach (var failure in batch.Failed)
            {
                failed.Enqueue(failure);
            }
            if (fileDone is not null)
            {
                await fileDone(batch).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return new IngestBatch([.. ingested], [.. failed]);
    }

    private Task<IngestBatch> IngestReadAsync((SourceDocument? Document, InputError? Error) read, ParseOptions options) =>
        read.Document is null ? Task.FromResult(new IngestBatch([], [read.Error!])) : IngestAsync(read.Document, options);

    /// <summary>Identifies one report's source text: the same bytes and span give the same hash.</summary>
    private static string SourceHash(string contentHash, Report report) =>
        $"{contentHash}:{report.Source.Start}-{report.Source.End}:{report.Source.Row}";
}
