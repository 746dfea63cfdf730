using System.Diagnostics;

namespace ComparisonGrid.Benchmarks;

/// <summary>Closed-loop load: each worker calls again as soon as its call returns, until the time is up.</summary>
internal static class LoadLoop
{
    /// <summary>A warm-up (so tiered JIT and the thread pool have settled), then the measured run: rate and latency.</summary>
    public static async Task<(double PerSecond, LatencyHistogram Latency)> MeasureAsync(
        IReadOnlyList<Func<long, Task>> workers, double seconds, CancellationToken cancellationToken)
    {
        await RunAsync(workers, TimeSpan.FromSeconds(Math.Min(2, seconds / 2)), null, cancellationToken).ConfigureAwait(false);
        var latency = new LatencyHistogram();
        var clock = Stopwatch.StartNew();
        var total = await RunAsync(workers, TimeSpan.FromSeconds(seconds), latency, cancellationToken).ConfigureAwait(false);
        return (total / clock.Elapsed.TotalSeconds, latency);
    }

    private static async Task<long> RunAsync(IReadOnlyList<Func<long, Task>> workers, TimeSpan duration, LatencyHistogram? latency, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(workers.Select(call => Task.Run(async () =>
        {
            long n = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= until)
                {
                    break;
                }
                await call(n).ConfigureAwait(false);
                latency?.Record(Stopwatch.GetElapsedTime(start));
                n++;
            }
            return n;
        }, cancellationToken))).ConfigureAwait(false);
        return counts.Sum();
    }
}
