using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Security;

/// <summary>
/// Bounds the connections the gateway holds, in all and per client address, below what the process's file limit
/// allows: each connection is a file handle, and a process out of handles (or of the memory their buffers take) fails
/// every client, not only the one flooding it. A connection beyond its address's share is closed as it is accepted,
/// before a byte of it is read.
/// </summary>
public sealed partial class ConnectionLimits
{
    /// <summary>Handles kept for what is not a client connection: the store, the silo's sockets, logs, loaded files.</summary>
    public const int ReservedHandles = 1024;

    private readonly ConcurrentDictionary<IPAddress, int> _byAddress = new();
    private readonly ILogger<ConnectionLimits> _logger;
    private readonly TimeSpan _headersTimeout;
    private long _refused;

    public ConnectionLimits(IOptions<GatewayOptions> options, ILogger<ConnectionLimits> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        var gateway = options.Value;
        var handles = OpenFileLimit();
        Total = Math.Max(1, gateway.MaxConnections);
        if (handles is { } limit && Total > limit - ReservedHandles)
        {
            var fits = Math.Max(64, limit - ReservedHandles);
            LogOverFileLimit(_logger, Total, limit, ReservedHandles, fits);
            Total = fits;
        }
        PerAddress = Math.Clamp(gateway.MaxConnectionsPerAddress, 1, Total);
        if (PerAddress < gateway.MaxConnectionsPerAddress)
        {
            LogPerAddressOverTotal(_logger, gateway.MaxConnectionsPerAddress, Total);
        }
        _headersTimeout = gateway.RequestHeadersTimeout;
    }

    /// <summary>Connections held at once, all clients together.</summary>
    public int Total { get; }

    /// <summary>Connections one client address may hold at once.</summary>
    public int PerAddress { get; }


    /// <summary>Sets Kestrel's limits and puts the per-address count in front of every endpoint.</summary>
    public void Apply(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Limits.MaxConcurrentConnections = Total;
        kestrel.Limits.MaxConcurrentUpgradedConnections = Total;
        kestrel.Limits.RequestHeadersTimeout = _headersTimeout;
        kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(next => connection => AdmitAsync(connection, next)));
    }

    private async Task AdmitAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (address is null)
        {
            await next(connection).ConfigureAwait(false);
            return;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (_byAddress.AddOrUpdate(address, 1, (_, held) => held + 1) > PerAddress)
        {
            Leave(address);
            // Logged for the first and then every thousandth: a flood must not become a flood of log lines.
            if (Interlocked.Increment(ref _refused) is var refused && refused % 1000 == 1)
            {
                LogRefused(_logger, address.ToString(), PerAddress, refused);
            }
            connection.Abort(new ConnectionAbortedException($"the address holds its maximum of {PerAddress.ToString(CultureInfo.InvariantCulture)} connections"));
            return;
        }
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Leave(address);
        }
    }

    private void Leave(IPAddress address)
    {
        if (_byAddress.AddOrUpdate(address, 0, (_, held) => held - 1) <= 0)
        {
            _byAddress.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
        }
    }

    /// <summary>The soft limit on open files (the runtime raises it to the hard one at start); null where /proc does not say.</summary>
    public static int? OpenFileLimit()
    {
        const string path = "/proc/self/limits";
        if (!File.Exists(path))
        {
            return null;
        }
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MaxConnections {Configured} does not fit the process's open-file limit {FileLimit} less {Reserved} handles kept for the store and the silo: connections are capped at {Effective}; raise the limit (ulimit -n, LimitNOFILE) to allow more")]
    private static partial void LogOverFileLimit(ILogger logger, int configured, int fileLimit, int reserved, int effective);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MaxConnectionsPerAddress {PerAddress} is above the connection limit {Total}: one address could hold every connection")]
    private static partial void LogPerAddressOverTotal(ILogger logger, int perAddress, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "connection from {Address} closed: the address holds its maximum of {PerAddress} connections ({Refused} refused so far)")]
    private static partial void LogRefused(ILogger logger, string address, int perAddress, long refused);
}
