using System.Diagnostics;

namespace ComparisonGrid.Runtime;

/// <summary>
/// One call waiting in, or running on, an activation's mailbox. It is also the caller's task source,
/// so a call costs one allocation besides its arguments.
/// </summary>
internal abstract class WorkItem
{
    protected WorkItem(MethodDispatcher method, object?[] arguments, CallChain? chain)
    {
        Method = method;
        Arguments = arguments;
        Chain = chain;
        Enqueued = Stopwatch.GetTimestamp();
    }

    public MethodDispatcher Method { get; }

    public object?[] Arguments { get; }

    public CallChain? Chain { get; }

    public long Enqueued { get; }

    public abstract bool IsCompleted { get; }

    public abstract Task Task { get; }

    /// <summary>Completes the caller's task the way the grain's task ended.</summary>
    public abstract void CompleteFrom(Task grainTask);

    public abstract void Fail(Exception exception);
}

internal sealed class WorkItem<TResult>(MethodDispatcher method, object?[] arguments, CallChain? chain)
    : WorkItem(method, arguments, chain)
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool IsCompleted => _completion.Task.IsCompleted;

    public override Task Task => _completion.Task;

    public Task<TResult> TypedTask => _completion.Task;

    public override void CompleteFrom(Task grainTask)
    {
        if (grainTask.IsCompletedSuccessfully)
        {
            _completion.TrySetResult(grainTask is Task<TResult> typed ? typed.Result : default!);
        }
        else if (grainTask.IsCanceled)
        {
            _completion.TrySetCanceled();
        }
        else
        {
            _completion.TrySetException(grainTask.Exception!.InnerExceptions);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
