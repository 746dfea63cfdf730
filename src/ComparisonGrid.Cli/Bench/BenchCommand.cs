using ComparisonGrid.Analysis;
using ComparisonGrid.Benchmarks;

namespace ComparisonGrid.Cli.Bench;

/// <summary><c>cgrid bench …</c>: runs a benchmark of ComparisonGrid.Benchmarks with this command line's arguments.</summary>
internal sealed class BenchCommand(ReportPipeline pipeline, TextWriter stdout)
{
    public const string Kinds = "bench parse [files or folders], bench calls, bench ingest [--reports N], bench compare [--regions N], bench ingest|compare|export --scale [--regions N] [--years N] [--characters N] [--postgres CONNECTION] [--data-dir DIR], bench http --url URL[,URL…] (--api-key KEY | --reads-only) [--connections N] [--subscribers N], bench bare --url GATEWAY [--port N], bench bodies [report.txt] --url GATEWAY --api-key KEY [--mb 48] [--parallel 6] [--rows 12000], bench failover --cluster-dir DIR [--reports N]; all take --seconds N";

    private static Task<Microsoft.Extensions.Hosting.IHost> StartGrid(string directory, string? postgres, CancellationToken cancellationToken) =>
        GridHost.StartAsync(directory, cancellationToken, postgres: postgres);

    public async Task<int> RunAsync(CommandLine cl, CancellationToken cancellationToken)
    {
        var rest = CommandLine.Shift(cl);
        try
        {
            return await ((cl.Positional.Count > 0 ? cl.Positional[0] : null) switch
            {
                "parse" => new ParseBenchmark(pipeline, stdout).RunAsync(rest, cancellationToken),
                "calls" => new CallBenchmark(stdout).RunAsync(rest, cancellationToken),
                "ingest" when rest.Has("--scale") => new ScaleBenchmark(pipeline, StartGrid, stdout).IngestAsync(rest, cancellationToken),
                "compare" when rest.Has("--scale") => new ScaleBenchmark(pipeline, StartGrid, stdout).CompareAsync(rest, cancellationToken),
                "export" when rest.Has("--scale") => new ScaleBenchmark(pipeline, StartGrid, stdout).ExportAsync(rest, cancellationToken),
                "ingest" => new GridBenchmark(pipeline, StartGrid, stdout).IngestAsync(rest, cancellationToken),
                "compare" => new GridBenchmark(pipeline, StartGrid, stdout).CompareAsync(rest, cancellationToken),
                "http" => new HttpBenchmark(stdout).RunAsync(rest, cancellationToken),
                "bare" => new BareEndpoint(stdout).RunAsync(rest, cancellationToken),
                "bodies" => new BodyBenchmark(stdout).RunAsync(rest, cancellationToken),
                "failover" => new FailoverBenchmark(stdout).RunAsync(rest, cancellationToken),
                _ => throw new UsageException($"bench knows: {Kinds}"),
            }).ConfigureAwait(false);
        }
        catch (BenchUsageException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
