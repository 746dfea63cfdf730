namespace ComparisonGrid.Core;

/// <summary>A state write or clear carried an etag that is no longer the stored one; nothing was changed.</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message) : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
