using System.Diagnostics;

namespace ComparisonGrid.Runtime.Metrics;

/// <summary>Events per second over the last few whole seconds, counted lock-free in per-second slots.</summary>
public sealed class RateCounter
{
    private const int Slots = 8;
    private const int Window = 5;
    private readonly long[] _counts = new long[Slots];
    private readonly long[] _seconds = new long[Slots];

    public void Increment()
    {
        var second = Stopwatch.GetTimestamp() / Stopwatch.Frequency;
        var slot = (int)(second % Slots);
        if (Volatile.Read(ref _seconds[slot]) != second)
        {
            // A new second reuses an old slot; a few increments racing with the reset may be lost, which a
            // rate shown to operators can afford.
            Interlocked.Exchange(ref _counts[slot], 0);
            Volatile.Write(ref _seconds[slot], second);
        }
        Interlocked.Increment(ref _counts[slot]);
    }

    /// <summary>The mean rate over the last <c>5</c> complete seconds.</summary>
    public double PerSecond
    {
        get
        {
            var now = Stopwatch.GetTimestamp() / Stopwatch.Frequency;
            long sum = 0;
            for (var s = now - Window; s < now; s++)
            {
                var slot = (int)(s % Slots);
                if (Volatile.Read(ref _seconds[slot]) == s)
                {
                    sum += Interlocked.Read(ref _counts[slot]);
                }
            }
            return sum / (double)Window;
        }
    }
}
