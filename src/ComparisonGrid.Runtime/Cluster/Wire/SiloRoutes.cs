namespace ComparisonGrid.Runtime.Cluster.Wire;

/// <summary>The silo port's routes and content type: the one place both sides read them from.</summary>
internal static class SiloRoutes
{
    public const string Call = "/silo/v2/call";

    public const string Observer = "/silo/v2/observer";

    public const string ContentType = "application/x-protobuf";
}
