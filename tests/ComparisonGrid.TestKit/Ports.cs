namespace ComparisonGrid.TestKit;

public static class Ports
{
    /// <summary>A loopback port free at the moment of asking.</summary>
    public static int Free() => Hosting.FreePort.Loopback();
}
