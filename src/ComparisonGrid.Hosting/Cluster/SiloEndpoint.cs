using System.Globalization;
using System.Net;

namespace ComparisonGrid.Hosting.Cluster;

/// <summary>The address a clustered silo binds and announces, from "host:port" (an https:// prefix, as earlier releases wrote it, is accepted).</summary>
public static class SiloEndpoint
{
    public static IPEndPoint Parse(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var text = address.Trim();
        text = text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? text["https://".Length..].TrimEnd('/') : text;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new GridConfigurationException($"the silo address '{address}' is not host:port (e.g. 10.0.0.5:11111)");
        }
        var host = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var ip))
        {
            return new IPEndPoint(ip, port);
        }
        // A host name is announced as the address it has now: other silos call an address, not a name.
        var found = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? throw new GridConfigurationException($"the silo address '{address}': {host} has no IPv4 address");
        return new IPEndPoint(found, port);
    }
}
