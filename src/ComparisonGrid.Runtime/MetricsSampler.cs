using ComparisonGrid.Runtime.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComparisonGrid.Runtime;

/// <summary>Adds a point to the silo's ten-minute history every five seconds; a failed sample is logged and the next one taken.</summary>
internal sealed partial class MetricsSampler(Silo silo, ILogger<MetricsSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(MetricsHistory.Interval);
        do
        {
            try
            {
                var s = silo.Snapshot();
                silo.Metrics.History.Add(new MetricsPoint(s.At, s.CallsPerSecond, s.P99LatencyMicroseconds, s.Activations, s.CpuPercent, s.MemoryBytes));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSampleFailed(logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "metrics sample failed; the next one is taken as usual")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
