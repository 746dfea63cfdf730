using System.Diagnostics;

namespace ComparisonGrid.Benchmarks;

/// <summary>This process's CPU (share of all cores since the previous reading) and working set.</summary>
internal sealed class ProcessUsage
{
    private readonly Lock _lock = new();
    private TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _at = Stopwatch.GetTimestamp();
    private double _percent;

    /// <summary>Reads the CPU used since the last reading; readings closer than a second apart repeat the last figure.</summary>
    public double CpuPercent
    {
        get
        {
            lock (_lock)
            {
                var elapsed = Stopwatch.GetElapsedTime(_at);
                if (elapsed >= TimeSpan.FromSeconds(1))
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    _percent = Math.Round(100 * (cpu - _cpu).TotalMilliseconds / elapsed.TotalMilliseconds / Environment.ProcessorCount, 1);
                    _cpu = cpu;
                    _at = Stopwatch.GetTimestamp();
                }
                return _percent;
            }
        }
    }

    public long MemoryBytes => Environment.WorkingSet;

    /// <summary>The largest working set since the process started (the kernel's high-water mark on Linux).</summary>
    public long PeakMemoryBytes
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64;
        }
    }
}
