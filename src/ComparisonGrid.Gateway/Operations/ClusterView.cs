using System.Diagnostics;
using ComparisonGrid.Gateway.Live;
using ComparisonGrid.Hosting.Storage;
using Orleans.Runtime;

namespace ComparisonGrid.Gateway.Operations;

/// <summary>
/// The operator's view of the cluster, read from Orleans: membership (every silo, its status, suspicions, last
/// heartbeat) and the management grain's activation counts, CPU and memory per silo; this silo's calls and their
/// ten-minute history from <see cref="GrainCallFigures"/>, sampled every five seconds.
/// </summary>
public sealed partial class ClusterView(IGrainFactory grains, GrainCallFigures calls, ComparisonStreams streams, ComparisonReplicas replicas, StorageFigures storage,
    ILocalSiloDetails local, ILogger<ClusterView> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RecentlyGone = TimeSpan.FromMinutes(10);
    private const int HistoryLength = 120;

    private readonly Lock _lock = new();
    private readonly Queue<HistoryPoint> _history = new();
    private long[] _lastHistogram = new long[32];
    private Dictionary<string, long> _lastTypeCalls = [];
    private Dictionary<string, double> _typeRates = [];
    private double _p99;
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _lastSample = Stopwatch.GetTimestamp();

    public async Task<ClusterOverview> OverviewAsync(CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false, cancellationToken).ConfigureAwait(false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active, cancellationToken).ConfigureAwait(false);
        var byAddress = active.Zip(statistics).ToDictionary(x => x.First, x => x.Second);
        var grainTypes = await management.GetSimpleGrainStatistics(cancellationToken).ConfigureAwait(false);
        var recent = DateTime.UtcNow - RecentlyGone;
        var silos = hosts
            .Where(h => h.Status != SiloStatus.Dead || h.IAmAliveTime > recent)
            .OrderBy(h => h.StartTime)
            .Select(h => new SiloOverview(
                h.SiloName,
                [h.SiloAddress.Endpoint.ToString()],
                StatusName(h.Status),
                new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)),
                byAddress.TryGetValue(h.SiloAddress, out var s) ? Runtime(h.SiloAddress, s, grainTypes) : null,
                new DateTimeOffset(DateTime.SpecifyKind(h.IAmAliveTime, DateTimeKind.Utc)),
                [.. (h.SuspectTimes ?? []).Select(t => t.Item1.Endpoint.ToString()).Distinct()]))
            .ToList();
        return new ClusterOverview(silos, streams.Open);
    }

    private SiloRuntime Runtime(SiloAddress silo, SiloRuntimeStatistics statistics, SimpleGrainStatistic[] grainTypes)
    {
        var types = grainTypes.Where(g => g.SiloAddress.Equals(silo)).GroupBy(g => ShortType(g.GrainType)).ToDictionary(g => g.Key, g => (long)g.Sum(x => x.ActivationCount));
        var memory = statistics.EnvironmentStatistics.FilteredMemoryUsageBytes;
        var cpu = Math.Round(statistics.EnvironmentStatistics.FilteredCpuUsagePercentage, 1);
        if (!silo.Equals(local.SiloAddress))
        {
            return new SiloRuntime(DateTimeOffset.UtcNow, statistics.ActivationCount, 0, 0, 0, 0, 0, 0, cpu, memory, 0, 0, 0,
                [.. types.Select(t => new GrainTypeFigures(t.Key, t.Value, 0, 0, 0, 0))], [], [], new Dictionary<string, double>());
        }
        var methods = calls.Methods();
        var histogram = calls.Histogram();
        var (reads, asked, replicaCount) = replicas.Figures;
        var byType = methods.GroupBy(m => m.Type).ToDictionary(g => g.Key, g => (Calls: g.Sum(m => m.Calls), Failed: g.Sum(m => m.Failed), Micros: g.Sum(m => m.Micros)));
        var totalCalls = methods.Sum(m => m.Calls);
        GrainTypeFigures TypeFigures(string type)
        {
            var (typeCalls, failed, micros) = byType.GetValueOrDefault(type);
            return new GrainTypeFigures(type, types.GetValueOrDefault(type), typeCalls, failed, Math.Round(_typeRates.GetValueOrDefault(type), 1), Mean(micros, typeCalls));
        }
        lock (_lock)
        {
            return new SiloRuntime(DateTimeOffset.UtcNow, statistics.ActivationCount, totalCalls, methods.Sum(m => m.Failed), Math.Round(_typeRates.Values.Sum(), 1),
                Mean(methods.Sum(m => m.Micros), totalCalls),
                GrainCallFigures.QuantileMicroseconds(histogram, 0.5), _p99, cpu, memory, storage.Reads, storage.Writes, storage.Failures,
                [.. byType.Keys.Union(types.Keys).Select(TypeFigures)],
                [.. methods.Select(m => new MethodFigures(m.Method, m.Calls, m.Failed, Mean(m.Micros, m.Calls)))],
                [.. _history],
                new Dictionary<string, double>
                {
                    ["liveStreams"] = streams.Open,
                    ["comparisonReads"] = reads,
                    ["comparisonReadsAskingTheGrain"] = asked,
                    ["comparisonReplicas"] = replicaCount,
                },
                Process.GetCurrentProcess().PeakWorkingSet64);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SampleAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A missed point leaves a gap in the chart; the next tick samples again.
                    LogSampleFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetRuntimeStatistics([local.SiloAddress], cancellationToken).ConfigureAwait(false);
        var now = Stopwatch.GetTimestamp();
        var seconds = Math.Max(0.001, Stopwatch.GetElapsedTime(_lastSample, now).TotalSeconds);
        var histogram = calls.Histogram();
        var typeCalls = calls.Methods().GroupBy(m => m.Type).ToDictionary(g => g.Key, g => g.Sum(m => m.Calls));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        lock (_lock)
        {
            _typeRates = typeCalls.ToDictionary(t => t.Key, t => (t.Value - _lastTypeCalls.GetValueOrDefault(t.Key)) / seconds);
            _p99 = GrainCallFigures.QuantileMicroseconds([.. histogram.Zip(_lastHistogram, (a, b) => a - b)], 0.99);
            var cpuPercent = Math.Round(100 * (cpu - _lastCpu).TotalSeconds / seconds / Environment.ProcessorCount, 1);
            _history.Enqueue(new HistoryPoint(DateTimeOffset.UtcNow, Math.Round(_typeRates.Values.Sum(), 1), _p99, statistics[0].ActivationCount, cpuPercent, Environment.WorkingSet));
            while (_history.Count > HistoryLength)
            {
                _history.Dequeue();
            }
            _lastTypeCalls = typeCalls;
            _lastHistogram = histogram;
            _lastCpu = cpu;
            _lastSample = now;
        }
    }

    private static double Mean(long micros, long calls) => calls == 0 ? 0 : micros / (double)calls;

    [LoggerMessage(Level = LogLevel.Warning, Message = "the cluster view could not sample this silo: {Reason}")]
    private static partial void LogSampleFailed(ILogger logger, string reason);

    // The management grain names grain classes; the product knows them by their grain type names (report, year-catalog).
    private static readonly Dictionary<string, string> GrainTypeNames = typeof(ComparisonGrid.Grains.ReportGrain).Assembly.GetTypes()
        .Select(t => (t.FullName, Name: t.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(GrainTypeAttribute))?.ConstructorArguments[0].Value as string))
        .Where(t => t.FullName is not null && t.Name is not null)
        .ToDictionary(t => t.FullName!, t => t.Name!, StringComparer.Ordinal);

    /// <summary>A grain class's grain type name, or its name without the namespace for Orleans' own.</summary>
    private static string ShortType(string grainClass)
    {
        // "Namespace.Class,Assembly"
        var fullName = grainClass.Split(',')[0];
        return GrainTypeNames.TryGetValue(fullName, out var name) ? name : fullName[(fullName.LastIndexOf('.') + 1)..];
    }

    private static string StatusName(SiloStatus status) => status switch
    {
        SiloStatus.ShuttingDown => "shutting_down",
        _ => status.ToString().ToLowerInvariant(),
    };
}
