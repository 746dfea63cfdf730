using System.Diagnostics;
using ComparisonGrid.Analysis;

using ComparisonGrid.Application.Ingestion;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// <c>cgrid bench parse</c>: end-to-end parse throughput over a set of inputs (the samples by default),
/// single-threaded and on all cores, in MB/s of input and reports/s.
/// </summary>
public sealed class ParseBenchmark(ReportPipeline pipeline, TextWriter stdout)
{
    public async Task<int> RunAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var paths = cl.Positional.DefaultIfEmpty("samples").ToList();
        var (files, missing) = InputFiles.Expand(paths);
        if (missing.Count > 0 || files.Count == 0)
        {
            throw new BenchUsageException($"nothing to parse in {string.Join(", ", missing.DefaultIfEmpty(string.Join(", ", paths)))}");
        }
        var seconds = cl.Number("--seconds") ?? 5;
        var documents = new List<SourceDocument>();
        foreach (var f in files)
        {
            documents.Add(new SourceDocument(f, await File.ReadAllBytesAsync(f, cancellationToken).ConfigureAwait(false)));
        }
        var bytes = documents.Sum(d => (long)d.Content.Length);
        var reportsPerPass = documents.Sum(d => pipeline.Parse(d).Reports.Count);
        var largest = documents.MaxBy(d => d.Content.Length)!;

        await stdout.WriteLineAsync($"inputs: {documents.Count} files, {bytes / 1024.0 / 1024.0:0.00} MB, {reportsPerPass} reports; {Environment.ProcessorCount} cores").ConfigureAwait(false);
        var single = Measure(seconds, () => { foreach (var d in documents) { pipeline.Parse(d); } });
        await Print("single thread", single, bytes, reportsPerPass).ConfigureAwait(false);
        // Every core parses the whole set: with five inputs, one of them 421 KB, splitting the set across
        // cores would measure the largest file, not the cores.
        var cores = Environment.ProcessorCount;
        var parallel = Measure(seconds, () => Parallel.For(0, cores, _ => { foreach (var d in documents) { pipeline.Parse(d); } }));
        await Print($"all cores ({cores})", parallel, bytes * cores, reportsPerPass * cores).ConfigureAwait(false);
        var one = Measure(seconds, () => pipeline.Parse(largest));
        await stdout.WriteLineAsync($"largest input {Path.GetFileName(largest.Name)} ({largest.Content.Length / 1024.0:0} KB): {one.PerPass.TotalMilliseconds:0.00} ms per parse").ConfigureAwait(false);
        return 0;
    }

    private async Task Print(string label, (TimeSpan PerPass, int Passes) m, long bytes, int reports)
    {
        var s = m.PerPass.TotalSeconds;
        await stdout.WriteLineAsync(
            $"{label}: {bytes / 1024.0 / 1024.0 / s:0.0} MB/s, {reports / s:0.0} reports/s ({m.Passes} passes, {m.PerPass.TotalMilliseconds:0.0} ms each)").ConfigureAwait(false);
    }

    internal static (TimeSpan PerPass, int Passes) Measure(double seconds, Action pass)
    {
        // Warm-up: tiered JIT needs a second or so of calls before the optimised code runs; JIT,
        // regex construction and the lazily loaded reference data are not steady-state throughput.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < Math.Min(2, seconds / 2))
        {
            pass();
        }
        clock.Restart();
        var passes = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            pass();
            passes++;
        }
        return (clock.Elapsed / passes, passes);
    }
}
