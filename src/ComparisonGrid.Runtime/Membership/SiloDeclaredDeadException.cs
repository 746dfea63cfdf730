namespace ComparisonGrid.Runtime.Membership;

/// <summary>The cluster has declared this silo dead; it must stop, and may only rejoin as a new silo.</summary>
public sealed class SiloDeclaredDeadException : Exception
{
    public SiloDeclaredDeadException()
    {
    }

    public SiloDeclaredDeadException(string message) : base(message)
    {
    }

    public SiloDeclaredDeadException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
