using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ComparisonGrid.TestKit;

/// <summary>A cluster of gateway processes run by deploy/local-cluster.sh in a folder of its own; disposing takes it down.</summary>
public sealed partial class LocalCluster(string key, bool samples) : IAsyncDisposable
{
    /// <summary>
    /// Test classes that start clusters share this collection, so they run one after another: two clusters starting
    /// at once could both find the same ports free, and each would then see the other's silos.
    /// </summary>
    public const string Collection = "local clusters";

    // A port range of this cluster's own as well, so a cluster left by an interrupted run is never joined; below
    // Linux's ephemeral range (32768 and up), where outgoing connections could take a port between check and bind.
    private readonly int _basePort = 20000 + Random.Shared.Next(0, 120) * 100;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"cgrid-cluster-{Guid.NewGuid():N}");

    /// <summary>Settings every gateway of the cluster starts with, as environment (e.g. ComparisonGrid__JobLease).</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^silo (\d+) pid (\d+) url (http://127\.0\.0\.1:\d+) state (\w+)$")]
    private static partial Regex StatusLine();

    public async Task<string[]> Script(params string[] args)
    {
        var start = new ProcessStartInfo(Repository.PathOf("deploy", "local-cluster.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (name, value) in Settings)
        {
            start.Environment[name] = value;
        }
        start.Environment["COMPARISONGRID_CLUSTER_DIR"] = Directory;
        start.Environment["COMPARISONGRID_API_KEY"] = key;
        start.Environment["COMPARISONGRID_BASE_PORT"] = _basePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!samples)
        {
            start.Environment["COMPARISONGRID_NO_SAMPLES"] = "1";
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"local-cluster.sh {string.Join(' ', args)} failed: {await error}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public async Task<Dictionary<int, (int Pid, string Url, string State)>> Status() =>
        (await Script("status")).Select(l => StatusLine().Match(l)).Select(m =>
        {
            Assert.True(m.Success, "status prints: silo N pid PID url URL state STATE");
            return (N: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                Pid: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[3].Value, m.Groups[4].Value);
        }).ToDictionary(s => s.N, s => (s.Pid, s.Item3, s.Item4));

    public async ValueTask DisposeAsync()
    {
        var pids = System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "silo*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList()
            : [];
        await Script("down");
        Assert.False(System.IO.Directory.Exists(Directory));
        Assert.All(pids, pid => Assert.ThrowsAny<ArgumentException>(() => Process.GetProcessById(pid)));
    }
}
