using System.Data.Common;
using System.Net.Sockets;
using ComparisonGrid.Core;

namespace ComparisonGrid.Hosting.Storage;

/// <summary>Failures that mean the store cannot be reached right now (down, restarting, network), not a wrong request.</summary>
public static class StoreFaults
{
    public static bool IsUnavailable(Exception exception) =>
        exception is DbException or SocketException or TimeoutException or IOException;

    /// <summary>
    /// Runs a store operation; a store that cannot be reached becomes the caller's <see cref="StorageUnavailableException"/>,
    /// counted, naming <paramref name="what"/>. Both stores guard every operation through this.
    /// </summary>
    public static async Task<T> GuardAsync<T>(StorageFigures figures, string what, Func<Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(operation);
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            figures.Failed();
            throw new StorageUnavailableException($"the state store is unavailable ({what}): {e.Message}", e);
        }
    }
}
