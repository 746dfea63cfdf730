using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// <c>cgrid bench bare --url GATEWAY [--port N]</c>: the floor for a warm comparison read. Fetches the comparison
/// <c>bench http</c> reads from a gateway once, then serves exactly those bytes at the same path from a bare
/// minimal-API endpoint on loopback until stopped, so <c>bench http --reads-only</c> can measure both alike.
/// </summary>
public sealed class BareEndpoint(TextWriter stdout)
{
    public async Task<int> RunAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var gateway = (cl.Value("--url") ?? throw new BenchUsageException("bench bare needs --url GATEWAY (where to fetch the comparison it serves)")).TrimEnd('/');
        var port = (int)(cl.Number("--port") ?? 7700);
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(new Uri(gateway + HttpBenchmark.ComparisonPath), cancellationToken).ConfigureAwait(false);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapGet(HttpBenchmark.ComparisonPath.Split('?')[0], () => Results.Bytes(bytes, "application/json; charset=utf-8"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync($"serving the {bytes.Length}-byte comparison of {gateway} at http://127.0.0.1:{port}{HttpBenchmark.ComparisonPath}; Ctrl-C stops").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        return 0;
    }
}
