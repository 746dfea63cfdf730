namespace ComparisonGrid.Grains;

/// <summary>
/// A grain's subscribers. Notifications are sent without waiting, so a slow or failing subscriber never
/// holds up the grain; a subscriber whose callback throws is dropped.
/// </summary>
internal sealed class ObserverSet<TObserver> where TObserver : class, IGrainObserver
{
    // Observers arrive as references, a new object per call from another silo; references are equal by grain id, so
    // a renewal of the same subscription is the same member.
    private readonly HashSet<TObserver> _observers = [];
    private readonly object _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _observers.Count;
            }
        }
    }

    public void Subscribe(TObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_lock)
        {
            _observers.Add(observer);
        }
    }

    public void Unsubscribe(TObserver observer)
    {
        lock (_lock)
        {
            _observers.Remove(observer);
        }
    }

    public void Notify(Func<TObserver, Task> notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        TObserver[] observers;
        lock (_lock)
        {
            observers = [.. _observers];
        }
        foreach (var observer in observers)
        {
            _ = Deliver(observer, notification);
        }
    }

    private async Task Deliver(TObserver observer, Func<TObserver, Task> notification)
    {
        try
        {
            await Task.Yield();
            await notification(observer).ConfigureAwait(false);
        }
        catch (Exception)
        {
            Unsubscribe(observer);
        }
    }
}
