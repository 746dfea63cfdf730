namespace ComparisonGrid.Core;

/// <summary>
/// The silo that hosts the grain could not be reached, or the grain was moving between silos, and the runtime's
/// own retry did not get through. The call may be tried again: by then membership will have caught up.
/// </summary>
public sealed class SiloUnavailableException : Exception
{
    public SiloUnavailableException()
    {
    }

    public SiloUnavailableException(string message) : base(message)
    {
    }

    public SiloUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
