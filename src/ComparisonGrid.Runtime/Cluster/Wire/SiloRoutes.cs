namespace ComparisonGrid.Runtime.Cluster.Wire;

/// <summary>The silo port's routes and content type: the one place both sides read them from.</summary>
internal static class SiloRoutes
{
    public const string Call = "/silo/v2/call";

    public const string Observer = "/silo/v2/observer";

    /// <summary>Answered with 204 once the TLS handshake let the caller in: how a joining silo checks it is accepted.</summary>
    public const string Probe = "/silo/v2/probe";

    public const string ContentType = "application/x-protobuf";
}
