using Microsoft.Extensions.Logging;

namespace ComparisonGrid.Runtime;

internal static partial class SiloLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "shutdown: {Count} activations did not finish within {Timeout}")]
    public static partial void ShutdownOverdue(ILogger logger, int count, TimeSpan timeout);
}
