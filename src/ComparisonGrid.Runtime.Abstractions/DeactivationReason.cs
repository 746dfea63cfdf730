namespace ComparisonGrid.Core;

public enum DeactivationReason
{
    /// <summary>Unused for longer than the configured idle age.</summary>
    Idle,

    /// <summary>Least recently used when the bound on live activations was reached.</summary>
    Capacity,

    /// <summary>The grain asked for it with DeactivateOnIdle.</summary>
    Requested,

    /// <summary>The silo is shutting down.</summary>
    Shutdown,

    /// <summary>Membership changed and the grain now belongs on another silo.</summary>
    Moved,

    /// <summary>A write found the stored state changed by someone else; the next call reads it again.</summary>
    Conflict,

    /// <summary>A write failed, so memory may differ from the store; the next call reads the store again.</summary>
    WriteFailed,
}
