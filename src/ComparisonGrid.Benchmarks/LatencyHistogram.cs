namespace ComparisonGrid.Benchmarks;

/// <summary>
/// Call latencies in logarithmic buckets (four per power of two, so a quantile is within 19%), recorded
/// lock-free from any thread.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 4;
    private readonly long[] _counts = new long[64 * SubBuckets];
    private long _sumNanoseconds;

    public void Record(TimeSpan elapsed)
    {
        var ns = Math.Max(1, (long)(elapsed.Ticks * 100));
        // Two atomic adds per call: the count is the buckets' sum, computed when someone reads it.
        Interlocked.Increment(ref _counts[Bucket(ns)]);
        Interlocked.Add(ref _sumNanoseconds, ns);
    }

    public long Count
    {
        get
        {
            long n = 0;
            for (var b = 0; b < _counts.Length; b++)
            {
                n += Interlocked.Read(ref _counts[b]);
            }
            return n;
        }
    }

    /// <summary>All calls of several histograms together (per grain type → the silo), summed at read time so a
    /// call records into one histogram only.</summary>
    public static LatencyHistogram Merge(IEnumerable<LatencyHistogram> histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var merged = new LatencyHistogram();
        foreach (var h in histograms)
        {
            for (var b = 0; b < merged._counts.Length; b++)
            {
                merged._counts[b] += Interlocked.Read(ref h._counts[b]);
            }
            merged._sumNanoseconds += Interlocked.Read(ref h._sumNanoseconds);
        }
        return merged;
    }

    public TimeSpan Mean => Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref _sumNanoseconds) / Count / 100);

    /// <summary>The upper bound of the bucket holding quantile <paramref name="q"/> (0..1).</summary>
    public TimeSpan Quantile(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var b = 0; b < _counts.Length; b++)
        {
            seen += Interlocked.Read(ref _counts[b]);
            if (seen >= rank)
            {
                return TimeSpan.FromTicks(Math.Max(1, UpperBound(b) / 100));
            }
        }
        return TimeSpan.MaxValue;
    }

    private static int Bucket(long ns)
    {
        var log = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)ns);
        var sub = log >= 2 ? (int)((ns >> (log - 2)) & (SubBuckets - 1)) : 0;
        return (log * SubBuckets) + sub;
    }

    private static long UpperBound(int bucket)
    {
        var log = bucket / SubBuckets;
        var sub = bucket % SubBuckets;
        return log >= 2 ? (1L << log) + ((sub + 1L) << (log - 2)) : 1L << (log + 1);
    }
}
