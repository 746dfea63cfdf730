using System.Diagnostics;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Messaging;

namespace ComparisonGrid.Runtime.Catalog;

/// <summary>
/// One live instance of a grain and its mailbox. Calls run one at a time in arrival order (a call's
/// awaits included), except that consecutive read-only calls run together, and a [Reentrant] grain's
/// calls interleave at awaits.
/// </summary>
internal sealed class Activation : IGrainContext, IThreadPoolWorkItem
{
    private readonly Lock _lock = new();
    private readonly Queue<IWorkItem> _queue = new();
    // Calls running interleaved (read-only, or any call of a [Reentrant] grain); the exclusive call the
    // loop is running is _current, set and cleared under the lock the loop takes to dequeue anyway.
    private readonly List<IWorkItem> _executing = [];
    private IWorkItem? _current;
    // Completed when the last interleaved call finishes, for an exclusive call or a deactivation waiting on them.
    private TaskCompletionSource? _drained;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActivationDirectory _directory;
    private bool _loopOwned;
    private bool _deactivateRequested;
    private DeactivationReason _deactivationReason = DeactivationReason.Requested;
    // Set when a write found the stored state changed by another activation: ours is stale and must not be written.
    private bool _stateStale;
    private Grain? _grain;
    private IReadOnlyList<IPersistentStateHandle> _states = [];

    public Activation(ActivationDirectory directory, GrainType type, GrainId id)
    {
        _directory = directory;
        Type = type;
        Id = id;
        LastUsed = Environment.TickCount64;
        // The activation's own run loop owns the mailbox from the start, so calls that arrive before the grain
        // exists queue behind its activation instead of starting a second loop.
        _loopOwned = true;
    }

    public GrainType Type { get; }

    public GrainId Id { get; }

    public ActivationStatus Status { get; private set; } = ActivationStatus.Active;

    public long LastUsed { get; private set; }

    public Task Deactivated => _deactivated.Task;

    string IGrainContext.GrainType => Type.Name;

    string IGrainContext.Key => Id.Key;

    IGrainFactory IGrainContext.GrainFactory => _directory.Factory;

    void IGrainContext.DeactivateOnIdle()
    {
        lock (_lock)
        {
            _deactivateRequested = true;
        }
    }

    public bool IsKeptAlive { get; private set; }

    void IGrainContext.KeepAlive(bool keep) => IsKeptAlive = keep;

    public int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return !_loopOwned && _queue.Count == 0 && _executing.Count == 0;
            }
        }
    }

    /// <summary>Starts the activation: the grain is created and activated before the first queued call runs.</summary>
    public void Start() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    /// <summary>Queues a call; false when the activation is going away and the call must go to a new one.</summary>
    public bool TryPost(IWorkItem item)
    {
        lock (_lock)
        {
            if (Status != ActivationStatus.Active)
            {
                return false;
            }
            _queue.Enqueue(item);
            LastUsed = Environment.TickCount64;
            if (_loopOwned)
            {
                return true;
            }
            _loopOwned = true;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    void IThreadPoolWorkItem.Execute() => _ = RunAsync();

    private async Task RunAsync()
    {
        if (_grain is null && !await ActivateAsync().ConfigureAwait(false))
        {
            return;
        }
        while (true)
        {
            IWorkItem? item = null;
            lock (_lock)
            {
                if (_deactivateRequested && Status == ActivationStatus.Active)
                {
                    Status = ActivationStatus.Deactivating;
                }
                _current = null;
                if (Status == ActivationStatus.Active)
                {
                    if (!_queue.TryDequeue(out item))
                    {
                        _loopOwned = false;
                        return;
                    }
                    if (Type.IsReentrant || item.Method.IsReadOnly)
                    {
                        _executing.Add(item);
                    }
                    else
                    {
                        _current = item;
                    }
                }
            }
            if (item is null)
            {
                await DeactivateAsync(_deactivationReason).ConfigureAwait(false);
                return;
            }
            if (item.IsCompleted)
            {
                // Failed by the timeout sweep while it waited: the caller has its answer already.
                Finish(item, Task.CompletedTask, record: false, interleaved: _current is null);
                continue;
            }
            var exclusive = !Type.IsReentrant && !item.Method.IsReadOnly;
            if (exclusive)
            {
                await InterleavedDone().ConfigureAwait(false);
            }
            var task = Invoke(item);
            if (task.IsCompleted)
            {
                Finish(item, task, record: true, interleaved: !exclusive);
            }
            else if (exclusive)
            {
                await task.Settled().ConfigureAwait(false);
                Finish(item, task, record: true, interleaved: false);
            }
            else
            {
                _ = FinishWhenDone(item, task);
            }
        }
    }

    private Task InterleavedDone()
    {
        lock (_lock)
        {
            return _executing.Count == 0 ? Task.CompletedTask
                : (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    private async Task FinishWhenDone(IWorkItem item, Task task)
    {
        await task.Settled().ConfigureAwait(false);
        Finish(item, task, record: true, interleaved: true);
    }

    private Task Invoke(IWorkItem item)
    {
        var previous = CallChain.Current;
        CallChain.Current = Type.IsReentrant ? null : new CallChain(Id, item.Chain);
        try
        {
            return item.Method.Invoke(_grain!, item.Arguments);
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
        finally
        {
            CallChain.Current = previous;
        }
    }

    private void Finish(IWorkItem item, Task task, bool record, bool interleaved)
    {
        if (interleaved)
        {
            lock (_lock)
            {
                _executing.Remove(item);
                if (_executing.Count == 0 && _drained is { } drained)
                {
                    _drained = null;
                    drained.TrySetResult();
                }
            }
        }
        // Another activation wrote this grain (two of them during a membership change), or a write failed (the store
        // locked or down) and memory holds what the store never took, even if the grain caught the exception: this
        // activation goes without writing, and the next call reads the stored state again.
        var conflict = task.IsFaulted && task.Exception!.InnerException is InconsistentStateException;
        if (conflict || AnyWriteFailed())
        {
            lock (_lock)
            {
                _stateStale = true;
                _deactivateRequested = true;
                _deactivationReason = conflict ? DeactivationReason.Conflict : DeactivationReason.WriteFailed;
            }
        }
        if (record)
        {
            Type.Record(item, Stopwatch.GetElapsedTime(item.Enqueued), !task.IsCompletedSuccessfully);
            item.CompleteFrom(task);
        }
    }

    private bool AnyWriteFailed()
    {
        for (var i = 0; i < _states.Count; i++)
        {
            if (_states[i].WriteFailed)
            {
                return true;
            }
        }
        return false;
    }

    private async Task<bool> ActivateAsync()
    {
        try
        {
            var (grain, states) = _directory.Activator.Create(Type, this);
            _states = states;
            foreach (var state in states)
            {
                await state.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            }
            await grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
            _grain = grain;
            return true;
        }
        catch (Exception e)
        {
            List<IWorkItem> failed;
            lock (_lock)
            {
                Status = ActivationStatus.Deactivated;
                failed = [.. _queue];
                _queue.Clear();
            }
            _directory.Remove(this);
            // A store that is down is the caller's to retry, so it keeps its type; anything else is a failed activation.
            Exception error = e is StorageUnavailableException ? e : new InvalidOperationException($"activation of {Id} failed: {e.Message}", e);
            foreach (var item in failed)
            {
                item.Fail(error);
            }
            _deactivated.TrySetResult();
            return false;
        }
    }

    /// <summary>
    /// Deactivates if the activation is idle (or the silo is shutting down): runs OnDeactivateAsync, writes
    /// changed state, then leaves the directory. Calls that arrive meanwhile wait and go to a new activation.
    /// </summary>
    public async Task<bool> TryDeactivateAsync(DeactivationReason reason, bool evenIfBusy)
    {
        lock (_lock)
        {
            if (Status != ActivationStatus.Active || (!evenIfBusy && (_loopOwned || _queue.Count > 0 || _executing.Count > 0)))
            {
                return false;
            }
            if (_loopOwned || _executing.Count > 0)
            {
                // Busy at shutdown: the loop deactivates once the call it is running has finished.
                _deactivateRequested = true;
                _deactivationReason = reason;
                if (_loopOwned)
                {
                    return true;
                }
                _loopOwned = true;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return true;
            }
            Status = ActivationStatus.Deactivating;
            _loopOwned = true;
        }
        await DeactivateAsync(reason).ConfigureAwait(false);
        return true;
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        List<IWorkItem> pending;
        try
        {
            await InterleavedDone().ConfigureAwait(false);
            if (_grain is not null)
            {
                await _grain.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(false);
                foreach (var state in _stateStale ? [] : _states)
                {
                    await state.WriteIfChangedAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e)
        {
            _directory.DeactivationFailed(Id, e);
        }
        finally
        {
            lock (_lock)
            {
                Status = ActivationStatus.Deactivated;
                pending = [.. _queue];
                _queue.Clear();
            }
            _directory.Remove(this);
            _deactivated.TrySetResult();
        }
        foreach (var item in pending)
        {
            _directory.Delivery.Deliver(Type, Id, item);
        }
    }

    /// <summary>Fails calls that waited or ran longer than the call timeout.</summary>
    public void FailOverdue(long now, TimeSpan timeout)
    {
        List<IWorkItem>? overdue = null;
        lock (_lock)
        {
            foreach (var item in _queue.Concat(_executing).Append(_current))
            {
                if (item is not null && !item.IsCompleted && Stopwatch.GetElapsedTime(item.Enqueued, now) > timeout)
                {
                    (overdue ??= []).Add(item);
                }
            }
        }
        foreach (var item in overdue ?? [])
        {
            Type.Record(item, timeout, failed: true);
            item.Fail(new GrainCallTimeoutException(
                $"{item.Method.Name} on {Id} got no answer within {timeout.TotalSeconds:0.###} s (the grain is busy or stuck)"));
        }
    }
}
