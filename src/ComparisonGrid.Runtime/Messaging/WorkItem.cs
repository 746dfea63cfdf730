using System.Diagnostics;

namespace ComparisonGrid.Runtime.Messaging;

/// <summary>
/// One call waiting in, or running on, an activation's mailbox. It is also the caller's task source,
/// so a call costs one allocation besides its arguments.
/// </summary>
internal interface IWorkItem
{
    MethodDispatcher Method { get; }

    object?[] Arguments { get; }

    CallChain? Chain { get; }

    long Enqueued { get; }

    bool IsCompleted { get; }

    Task Task { get; }

    /// <summary>Completes the caller's task the way the grain's task ended.</summary>
    void CompleteFrom(Task grainTask);

    void Fail(Exception exception);

    /// <summary>Completes the caller's task with a result that came from another silo.</summary>
    void Complete(object? result);
}

internal sealed class WorkItem<TResult>(MethodDispatcher method, object?[] arguments, CallChain? chain)
    : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), IWorkItem
{
    public MethodDispatcher Method { get; } = method;

    public object?[] Arguments { get; } = arguments;

    public CallChain? Chain { get; } = chain;

    public long Enqueued { get; } = Stopwatch.GetTimestamp();

    public bool IsCompleted => Task.IsCompleted;

    Task IWorkItem.Task => Task;

    public void CompleteFrom(Task grainTask)
    {
        if (grainTask.IsCompletedSuccessfully)
        {
            TrySetResult(grainTask is Task<TResult> typed ? typed.Result : default!);
        }
        else if (grainTask.IsCanceled)
        {
            TrySetCanceled();
        }
        else
        {
            TrySetException(grainTask.Exception!.InnerExceptions);
        }
    }

    public void Fail(Exception exception) => TrySetException(exception);

    public void Complete(object? result) => TrySetResult((TResult)result!);
}
