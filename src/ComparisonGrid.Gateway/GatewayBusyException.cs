namespace ComparisonGrid.Gateway;

/// <summary>The gateway as a whole is at a bound (memory, exports being built); answered 503 with Retry-After, never 500.</summary>
internal sealed class GatewayBusyException(string message, int retryAfterSeconds = 5) : Exception(message)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
