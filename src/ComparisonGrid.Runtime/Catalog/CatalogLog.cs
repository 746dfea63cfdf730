using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace ComparisonGrid.Runtime.Catalog;

internal static partial class CatalogLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "deactivation of {Grain} failed; its last changes may not be stored")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grain);

    [LoggerMessage(Level = LogLevel.Error, Message = "activation collection ({Reason}) failed; it runs again on the next sweep")]
    public static partial void CollectionFailed(ILogger logger, Exception exception, DeactivationReason reason);
}
