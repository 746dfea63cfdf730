using Microsoft.Extensions.Logging;

namespace ComparisonGrid.Runtime;

internal static partial class SiloLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "deactivation of {Grain} failed; its last changes may not be stored")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "shutdown: {Count} activations did not finish within {Timeout}")]
    public static partial void ShutdownOverdue(ILogger logger, int count, TimeSpan timeout);
}
