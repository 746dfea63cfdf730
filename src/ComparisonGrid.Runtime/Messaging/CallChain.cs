namespace ComparisonGrid.Runtime.Messaging;

/// <summary>
/// The grains waiting on the current call, innermost first. It flows with the async context, so a call
/// can see that its target is already waiting further up and fail instead of deadlocking.
/// </summary>
internal sealed class CallChain(GrainId head, CallChain? tail)
{
    private static readonly AsyncLocal<CallChain?> CurrentChain = new();

    public static CallChain? Current
    {
        get => CurrentChain.Value;
        set => CurrentChain.Value = value;
    }

    public GrainId Head { get; } = head;

    public CallChain? Tail { get; } = tail;

    public bool Contains(GrainId id)
    {
        for (var c = this; c is not null; c = c.Tail)
        {
            if (c.Head == id)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The cycle as it would run: outermost caller first, ending with the target again.</summary>
    public string Describe(GrainId target)
    {
        var ids = new List<string>();
        for (var c = this; c is not null; c = c.Tail)
        {
            ids.Add(c.Head.ToString());
            if (c.Head == target)
            {
                break;
            }
        }
        ids.Reverse();
        ids.Add(target.ToString());
        return string.Join(" → ", ids);
    }
}
