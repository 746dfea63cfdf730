using System.Net;
using System.Net.Sockets;

namespace ComparisonGrid.Hosting;

/// <summary>A loopback port free right now, for silos that only talk to themselves (an embedded grid, tests).</summary>
public static class FreePort
{
    public static int Loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
