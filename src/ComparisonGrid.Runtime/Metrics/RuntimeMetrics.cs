using System.Collections.Concurrent;

namespace ComparisonGrid.Runtime.Metrics;

/// <summary>The silo's counters: per grain type, in total, and of the storage provider.</summary>
public sealed class RuntimeMetrics
{
    private readonly ConcurrentDictionary<string, GrainTypeCounters> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MethodCounters> _methods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<double>> _gauges = new(StringComparer.Ordinal);
    private long _storageReads;
    private long _storageWrites;
    private long _storageFailures;
    private long _remoteCalls;

    public long StorageReads => Interlocked.Read(ref _storageReads);

    public long StorageWrites => Interlocked.Read(ref _storageWrites);

    /// <summary>Storage operations that failed because the store was unavailable.</summary>
    public long StorageFailures => Interlocked.Read(ref _storageFailures);

    /// <summary>Calls this silo sent to grains on other silos.</summary>
    public long RemoteCalls => Interlocked.Read(ref _remoteCalls);

    public MetricsHistory History { get; } = new();

    public ProcessUsage Process { get; } = new();

    public IReadOnlyDictionary<string, MethodCounters> Methods => _methods;

    /// <summary>Figures the host adds (live streams of a gateway, say), read when a snapshot is taken.</summary>
    public IReadOnlyDictionary<string, Func<double>> Gauges => _gauges;

    public MethodCounters ForMethod(string method) => _methods.GetOrAdd(method, _ => new MethodCounters());

    public void AddGauge(string name, Func<double> read) => _gauges[name] = read;

    public IReadOnlyDictionary<string, GrainTypeCounters> GrainTypes => _types;

    public GrainTypeCounters For(string grainType) => _types.GetOrAdd(grainType, _ => new GrainTypeCounters());

    internal void StorageRead() => Interlocked.Increment(ref _storageReads);

    internal void StorageWrite() => Interlocked.Increment(ref _storageWrites);

    internal void StorageFailed() => Interlocked.Increment(ref _storageFailures);

    internal void RemoteCall() => Interlocked.Increment(ref _remoteCalls);
}
