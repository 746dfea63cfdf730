using System.Data.Common;
using System.Net.Sockets;

namespace ComparisonGrid.Hosting.Storage;

/// <summary>Failures that mean the store cannot be reached right now (down, restarting, network), not a wrong request.</summary>
public static class StoreFaults
{
    public static bool IsUnavailable(Exception exception) =>
        exception is DbException or SocketException or TimeoutException or IOException;
}
