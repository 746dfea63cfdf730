namespace ComparisonGrid.Core;

/// <summary>A call would wait for a grain that is itself waiting for this call: it would never finish.</summary>
public sealed class GrainCallCycleException : Exception
{
    public GrainCallCycleException()
    {
    }

    public GrainCallCycleException(string message) : base(message)
    {
    }

    public GrainCallCycleException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
