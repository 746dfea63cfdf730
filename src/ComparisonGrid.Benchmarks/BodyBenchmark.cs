using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// What large bodies cost a running gateway: several large texts posted at once (peak memory of the gateway process,
/// read from its /api/cluster with the key), and one JSONL corpus whose rows all replace the same report, at growing
/// row counts, to show that the time per row stays flat (a version history rewritten per version would grow it).
/// </summary>
public sealed class BodyBenchmark(TextWriter stdout)
{
    public async Task<int> RunAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var url = (cl.Value("--url") ?? "http://127.0.0.1:5080").TrimEnd('/');
        var key = cl.Value("--api-key") ?? throw new BenchUsageException("bench bodies needs --api-key KEY (the gateway's write key)");
        var megabytes = (int)(cl.Number("--mb") ?? 48);
        var parallel = (int)(cl.Number("--parallel") ?? 6);
        var rows = (int)(cl.Number("--rows") ?? 12_000);
        var source = (cl.Positional.Count > 0 ? cl.Positional[0] : null)
            ?? (Directory.Exists("samples") ? Directory.EnumerateFiles("samples", "*.txt").Order(StringComparer.Ordinal).FirstOrDefault() : null);
        if (source is null || !File.Exists(source))
        {
            throw new BenchUsageException("bench bodies builds its bodies from a report: name a text file (or run it where samples/ is)");
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var report = await File.ReadAllTextAsync(source, cancellationToken).ConfigureAwait(false);

        var before = await PeakAsync(http, url, cancellationToken).ConfigureAwait(false);
        var bodies = Enumerable.Range(0, parallel).Select(i => LargeBody(report, megabytes, i)).ToList();
        var largest = bodies.Max(b => b.Length);
        var clock = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(bodies.Select(async body =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            using var response = await http.PostAsync(new Uri($"{url}/api/reports"), content, cancellationToken).ConfigureAwait(false);
            return (int)response.StatusCode;
        })).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = await PeakAsync(http, url, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{parallel} bodies of {largest / 1024.0 / 1024.0:0.0} MB at once: statuses {string.Join(' ', statuses.GroupBy(s => s).Select(g => $"{g.Key}×{g.Count()}"))}, " +
            $"{seconds:0.0} s; gateway peak working set {before / 1048576.0:N0} MB before, {peak / 1048576.0:N0} MB after = {peak / (double)largest:0.0}× the largest body"))
            .ConfigureAwait(false);

        foreach (var n in new[] { rows / 4, rows / 2, rows })
        {
            var corpus = Corpus(report, n, $"bench-{n}-{Guid.NewGuid():N}");
            clock.Restart();
            using var content = new ByteArrayContent(corpus);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            using var response = await http.PostAsync(new Uri($"{url}/api/reports?name=corpus.jsonl"), content, cancellationToken).ConfigureAwait(false);
            var elapsed = clock.Elapsed;
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"JSONL of {n:N0} rows, one region and year: HTTP {(int)response.StatusCode}, {elapsed.TotalSeconds:0.0} s, {elapsed.TotalMilliseconds / n:0.00} ms per row"))
                .ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>One report of about <paramref name="megabytes"/> MB: the source's title and targets, its body repeated.</summary>
    private static byte[] LargeBody(string report, int megabytes, int variant)
    {
        var text = new StringBuilder(report.Length * 2);
        text.Append(report);
        var target = megabytes * 1024L * 1024;
        var paragraph = 0;
        while (Encoding.UTF8.GetByteCount(report) * (long)(paragraph + 1) < target)
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"（附{variant}-{paragraph}）").Append(report);
            paragraph++;
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Rows that are all the same report (same title, so one region and year), each a little different.</summary>
    private static byte[] Corpus(string report, int rows, string run)
    {
        var lines = new StringBuilder();
        var head = report[..Math.Min(report.Length, 1000)];
        for (var i = 0; i < rows; i++)
        {
            lines.Append(JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = $"{head}\n（{run} 第{i}稿）" })).Append('\n');
        }
        return Encoding.UTF8.GetBytes(lines.ToString());
    }

    private static async Task<long> PeakAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        using var cluster = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{url}/api/cluster"), cancellationToken).ConfigureAwait(false));
        return cluster.RootElement.GetProperty("silos")[0].GetProperty("runtime").GetProperty("peakMemoryBytes").GetInt64();
    }
}
