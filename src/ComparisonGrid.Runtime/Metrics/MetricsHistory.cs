namespace ComparisonGrid.Runtime.Metrics;

/// <summary>The last ten minutes of a silo's samples (one every five seconds), oldest first.</summary>
public sealed class MetricsHistory
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private const int Capacity = 120;
    private readonly Lock _lock = new();
    private readonly Queue<MetricsPoint> _points = new(Capacity);

    public void Add(MetricsPoint point)
    {
        lock (_lock)
        {
            if (_points.Count == Capacity)
            {
                _points.Dequeue();
            }
            _points.Enqueue(point);
        }
    }

    public IReadOnlyList<MetricsPoint> Points
    {
        get
        {
            lock (_lock)
            {
                return [.. _points];
            }
        }
    }
}
