using ComparisonGrid.Core;

namespace ComparisonGrid.Runtime.Storage;

internal static class StorageConflict
{
    public static InconsistentStateException For(string stateType, string key, string? expected, string? stored) =>
        new($"state {stateType}/{key} was changed by someone else: the write carried etag {expected ?? "(none)"} but the store has {stored ?? "(nothing)"}; nothing was written");
}
