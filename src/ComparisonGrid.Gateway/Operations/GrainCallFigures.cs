using System.Collections.Concurrent;
using System.Diagnostics;

namespace ComparisonGrid.Gateway.Operations;

/// <summary>
/// Every grain call this silo runs, counted per grain type and method (calls, failures, time) and in a latency
/// histogram, for the Cluster page. Orleans counts activations; how busy each method is, it leaves to filters.
/// </summary>
public sealed class GrainCallFigures : IIncomingGrainCallFilter
{
    // Latency buckets of powers of two microseconds: 1 µs up to about 35 minutes.
    private const int Buckets = 32;
    private readonly ConcurrentDictionary<(string Type, string Method), Counter> _methods = new();
    private readonly long[] _histogram = new long[Buckets];

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await context.Invoke();
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var counter = _methods.GetOrAdd((context.TargetId.Type.ToString()!, $"{context.InterfaceName}.{context.MethodName}"), _ => new Counter());
            counter.Record(elapsed, failed);
            var micros = Math.Max(1, (long)elapsed.TotalMicroseconds);
            Interlocked.Increment(ref _histogram[Math.Min(Buckets - 1, 63 - long.LeadingZeroCount(micros))]);
        }
    }

    /// <summary>Per grain type and method: calls, failed calls, total microseconds.</summary>
    public IReadOnlyList<(string Type, string Method, long Calls, long Failed, long Micros)> Methods() =>
        [.. _methods.Select(m => (m.Key.Type, m.Key.Method, Interlocked.Read(ref m.Value.Calls), Interlocked.Read(ref m.Value.Failed), Interlocked.Read(ref m.Value.Micros)))];

    /// <summary>A copy of the latency histogram, to diff against an earlier copy.</summary>
    public long[] Histogram()
    {
        var copy = new long[Buckets];
        for (var i = 0; i < Buckets; i++)
        {
            copy[i] = Interlocked.Read(ref _histogram[i]);
        }
        return copy;
    }

    /// <summary>The latency below which <paramref name="q"/> of the calls counted in <paramref name="histogram"/> ran (upper edge of its bucket).</summary>
    public static double QuantileMicroseconds(long[] histogram, double q)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var total = histogram.Sum();
        if (total == 0)
        {
            return 0;
        }
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= q * total)
            {
                return Math.Pow(2, i + 1);
            }
        }
        return Math.Pow(2, histogram.Length);
    }

    private sealed class Counter
    {
        public long Calls;
        public long Failed;
        public long Micros;

        public void Record(TimeSpan elapsed, bool failed)
        {
            Interlocked.Increment(ref Calls);
            Interlocked.Add(ref Micros, (long)elapsed.TotalMicroseconds);
            if (failed)
            {
                Interlocked.Increment(ref Failed);
            }
        }
    }
}
