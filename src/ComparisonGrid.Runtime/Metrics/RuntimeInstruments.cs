using System.Diagnostics.Metrics;

namespace ComparisonGrid.Runtime.Metrics;

/// <summary>
/// The silo's counters as System.Diagnostics.Metrics instruments of the meter "ComparisonGrid.Runtime", so
/// <c>dotnet-counters monitor --counters ComparisonGrid.Runtime -p PID</c> (or any OpenTelemetry listener) sees them.
/// They are observed, read only when a listener asks: the call path stays as it is.
/// </summary>
public sealed class RuntimeInstruments : IDisposable
{
    public const string MeterName = "ComparisonGrid.Runtime";

    private readonly Meter _meter = new(MeterName);

    public RuntimeInstruments(RuntimeMetrics metrics, Func<int> activations)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _meter.CreateObservableCounter("cgrid.calls", () => metrics.GrainTypes.Values.Sum(t => t.Calls), "{call}", "grain calls completed");
        _meter.CreateObservableCounter("cgrid.calls.failed", () => metrics.GrainTypes.Values.Sum(t => t.Failed), "{call}", "grain calls that failed");
        _meter.CreateObservableGauge("cgrid.calls.rate", () => metrics.GrainTypes.Values.Sum(t => t.Rate.PerSecond), "{call}/s", "grain calls per second over the last 5 s");
        _meter.CreateObservableGauge("cgrid.calls.p99", () => LatencyHistogram.Merge(metrics.GrainTypes.Values.Select(t => t.Latency)).Quantile(0.99).TotalMicroseconds,
            "us", "99th percentile of grain call latency since start");
        _meter.CreateObservableGauge("cgrid.activations", activations, "{activation}", "live activations");
        _meter.CreateObservableCounter("cgrid.remote_calls", () => metrics.RemoteCalls, "{call}", "calls sent to grains on other silos");
        _meter.CreateObservableCounter("cgrid.storage.reads", () => metrics.StorageReads, "{read}", "grain state reads");
        _meter.CreateObservableCounter("cgrid.storage.writes", () => metrics.StorageWrites, "{write}", "grain state writes");
        _meter.CreateObservableCounter("cgrid.storage.failures", () => metrics.StorageFailures, "{failure}", "storage operations that found the store unavailable");
    }

    public void Dispose() => _meter.Dispose();
}
