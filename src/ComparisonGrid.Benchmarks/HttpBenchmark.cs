using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// Load on running gateways from this second process: comparison requests per second and latency with many
/// connections, then the time from an ingest to its delivery on many open SSE subscriptions. With several
/// gateways (--url A,B,C, one cluster) connections and subscriptions are spread over them and the ingest goes
/// to the last, so most deliveries cross silos.
/// </summary>
public sealed class HttpBenchmark(TextWriter stdout)
{
    /// <summary>The warm province comparison every read of the benchmark asks for.</summary>
    public const string ComparisonPath = "/api/compare/indicator?indicator=gdp_growth&year=2022&level=province";

    public async Task<int> RunAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var urls = (cl.Value("--url") ?? "http://127.0.0.1:5080").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => u.TrimEnd('/')).ToArray();
        var readsOnly = cl.Has("--reads-only");
        var key = cl.Value("--api-key") ?? (readsOnly ? "" : throw new BenchUsageException("bench http needs --api-key KEY (the gateway's write key) to ingest a report, or --reads-only"));
        var connections = (int)(cl.Number("--connections") ?? 64);
        var subscribers = (int)(cl.Number("--subscribers") ?? 1000);
        var seconds = cl.Number("--seconds") ?? 5;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections + subscribers + 8 }) { Timeout = Timeout.InfiniteTimeSpan };

        Func<long, Task> Get(string url) => async _ =>
        {
            using var response = await http.GetAsync(new Uri(url + ComparisonPath), cancellationToken).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        };
        var (perSecond, latency) = await LoadLoop.MeasureAsync([.. Enumerable.Range(0, connections).Select(i => Get(urls[i % urls.Length]))], seconds, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"GET comparison, {connections} connections over {urls.Length} gateway(s): {perSecond:N0} requests/s, p50 {latency.Quantile(0.5).TotalMilliseconds:0.00} ms, p99 {latency.Quantile(0.99).TotalMilliseconds:0.00} ms")).ConfigureAwait(false);

        if (readsOnly)
        {
            return 0;
        }

        // A year no report has yet, so the ingest below is the comparison's next version for every subscriber.
        var year = 2090 + (int)(DateTime.UtcNow.Ticks % 9);
        string StreamUrl(int i) => $"{urls[i % urls.Length]}/api/compare/indicator?indicator=gdp_growth&year={year}&level=province";
        var ready = new CountdownEvent(subscribers);
        var delivered = new long[subscribers];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var streams = Enumerable.Range(0, subscribers).Select(i => Subscribe(http, StreamUrl(i), ready, delivered, i, stop.Token)).ToList();
        if (!ready.Wait(TimeSpan.FromSeconds(60), cancellationToken))
        {
            throw new TimeoutException($"only {subscribers - ready.CurrentCount} of {subscribers} subscriptions opened within a minute");
        }
        using var ingest = new HttpRequestMessage(HttpMethod.Post, $"{urls[^1]}/api/reports") { Content = new StringContent(Report(year), Encoding.UTF8, "text/plain") };
        ingest.Headers.Add("X-Api-Key", key);
        var sent = Stopwatch.GetTimestamp();
        (await http.SendAsync(ingest, cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (delivered.Any(d => Volatile.Read(ref d) == 0) && DateTime.UtcNow < until)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
        var times = delivered.Where(d => d > 0).Select(d => Stopwatch.GetElapsedTime(sent, d).TotalMilliseconds).Order().ToList();
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(streams).ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ingest → SSE, {subscribers} subscribers: {times.Count} delivered; p50 {Pick(times, 0.5):0.0} ms, p99 {Pick(times, 0.99):0.0} ms, last {Pick(times, 1):0.0} ms after the POST was sent")).ConfigureAwait(false);
        return times.Count == subscribers ? 0 : 1;
    }

    private static double Pick(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    /// <summary>Reads one stream: the first event means subscribed; the first event after it is the delivery to time.</summary>
    private static async Task Subscribe(HttpClient http, string url, CountdownEvent ready, long[] delivered, int index, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
            var events = 0;
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (!line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    continue;
                }
                if (++events == 1)
                {
                    ready.Signal();
                }
                else
                {
                    Volatile.Write(ref delivered[index], Stopwatch.GetTimestamp());
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The benchmark is over.
        }
    }

    private static string Report(int year) => $"""
        {year}年山东省政府工作报告
        ——{year}年1月20日在山东省第十四届人民代表大会第三次会议上
        各位代表：现在，我代表省人民政府，向大会报告工作，请予审议。
        今年经济社会发展的主要预期目标是：全省生产总值增长5.5%以上；一般公共预算收入增长5%；城镇新增就业110万人以上；居民消费价格涨幅3%左右。
        """;
}
