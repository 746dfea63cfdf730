namespace ComparisonGrid.Application.Requests;

/// <summary>A request names something that does not exist or is malformed; the message says what, for the user.</summary>
public sealed class RequestException : Exception
{
    public RequestException()
    {
    }

    public RequestException(string message) : base(message)
    {
    }

    public RequestException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
