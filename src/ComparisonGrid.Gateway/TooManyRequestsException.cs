namespace ComparisonGrid.Gateway;

/// <summary>The client asks for more than its share right now (jobs waiting, ingests in flight); answered 429 with Retry-After.</summary>
internal sealed class TooManyRequestsException(string message, int retryAfterSeconds = 5) : Exception(message)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
