namespace ComparisonGrid.Core;

/// <summary>A grain call got no answer within the configured call timeout.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    public GrainCallTimeoutException()
    {
    }

    public GrainCallTimeoutException(string message) : base(message)
    {
    }

    public GrainCallTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
