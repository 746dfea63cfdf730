using System.Diagnostics;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// The highest working set and managed heap seen while it runs, sampled every 50 ms: the process's own high-water
/// mark cannot be reset, so a later, smaller run would report an earlier, larger one's peak. The heap is the one the
/// last collection left (what was live then), not the count of bytes allocated since, which garbage inflates.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _workingSet;
    private long _heap;

    public MemorySampler() => _sampling = SampleAsync(_stop.Token);

    /// <summary>Stops sampling and gives the highest figures seen.</summary>
    public (long WorkingSet, long ManagedHeap) Stop()
    {
        _stop.Cancel();
        _sampling.GetAwaiter().GetResult();
        Sample();
        return (Interlocked.Read(ref _workingSet), Interlocked.Read(ref _heap));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        Max(ref _workingSet, process.WorkingSet64);
        Max(ref _heap, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
    }

    private static void Max(ref long field, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref field)) && Interlocked.CompareExchange(ref field, value, seen) != seen)
        {
        }
    }
}
