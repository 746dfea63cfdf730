namespace ComparisonGrid.Core;

/// <summary>
/// The state store could not be reached (a database restarting, a network fault). Nothing was written; the
/// call may be tried again once the store is back. An OrleansException, so Orleans passes it to the caller as it is
/// instead of wrapping it.
/// </summary>
[GenerateSerializer, Alias("cg.StorageUnavailableException")]
public sealed class StorageUnavailableException : Orleans.Runtime.OrleansException
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
