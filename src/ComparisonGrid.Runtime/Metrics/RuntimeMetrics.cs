using System.Collections.Concurrent;

namespace ComparisonGrid.Runtime.Metrics;

/// <summary>The silo's counters: per grain type, in total, and of the storage provider.</summary>
public sealed class RuntimeMetrics
{
    private readonly ConcurrentDictionary<string, GrainTypeCounters> _types = new(StringComparer.Ordinal);
    private long _storageReads;
    private long _storageWrites;

    public long StorageReads => Interlocked.Read(ref _storageReads);

    public long StorageWrites => Interlocked.Read(ref _storageWrites);

    public IReadOnlyDictionary<string, GrainTypeCounters> GrainTypes => _types;

    public GrainTypeCounters For(string grainType) => _types.GetOrAdd(grainType, _ => new GrainTypeCounters());

    internal void StorageRead() => Interlocked.Increment(ref _storageReads);

    internal void StorageWrite() => Interlocked.Increment(ref _storageWrites);
}
