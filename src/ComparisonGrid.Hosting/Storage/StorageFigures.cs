namespace ComparisonGrid.Hosting.Storage;

/// <summary>What this silo's grain storage did since it started: states read, written (and cleared), and store failures.</summary>
public sealed class StorageFigures
{
    private long _reads;
    private long _writes;
    private long _failures;

    public long Reads => Interlocked.Read(ref _reads);

    public long Writes => Interlocked.Read(ref _writes);

    public long Failures => Interlocked.Read(ref _failures);

    internal void Read() => Interlocked.Increment(ref _reads);

    internal void Wrote() => Interlocked.Increment(ref _writes);

    internal void Failed() => Interlocked.Increment(ref _failures);
}
