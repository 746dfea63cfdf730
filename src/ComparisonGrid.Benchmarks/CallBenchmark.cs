using System.Threading.Channels;
using ComparisonGrid.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// Local grain call throughput and latency with 1 and 64 callers, beside the floor for an asynchronous
/// message: a request and its answer handed between two tasks through a Channel, in the same run; then 64 callers
/// on silos without and with Orleans' dashboard, which profiles every call.
/// </summary>
public sealed class CallBenchmark(TextWriter stdout)
{
    private const int ManyCallers = 64;

    public async Task<int> RunAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var seconds = cl.Number("--seconds") ?? 5;
        await stdout.WriteLineAsync($"{Environment.ProcessorCount} cores, {seconds} s per measurement").ConfigureAwait(false);
        using (var host = await StartSiloAsync(dashboard: false, cancellationToken).ConfigureAwait(false))
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            foreach (var callers in new[] { 1, ManyCallers })
            {
                var channel = await MeasureAsync(callers, seconds, ChannelCaller, cancellationToken).ConfigureAwait(false);
                await Print($"channel hand-off, {callers} callers", channel).ConfigureAwait(false);
                var grain = await MeasureGrainAsync(grains, callers, seconds, cancellationToken).ConfigureAwait(false);
                await Print($"grain call,       {callers} callers", grain).ConfigureAwait(false);
                await stdout.WriteLineAsync($"  grain / channel: {channel.PerSecond / grain.PerSecond:0.0}x slower").ConfigureAwait(false);
            }
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        // Orleans' dashboard profiles every grain call: the same 64 callers on silos without and with it, alternating.
        foreach (var dashboard in new[] { false, true, false, true })
        {
            using var host = await StartSiloAsync(dashboard, cancellationToken).ConfigureAwait(false);
            var grain = await MeasureGrainAsync(host.Services.GetRequiredService<IGrainFactory>(), ManyCallers, seconds, cancellationToken).ConfigureAwait(false);
            await Print($"grain call, {ManyCallers} callers, Orleans dashboard {(dashboard ? "on " : "off")}", grain).ConfigureAwait(false);
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return 0;
    }

    private static async Task<IHost> StartSiloAsync(bool dashboard, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.AddComparisonGrid(o => o.DataDirectory = Directory.CreateTempSubdirectory("cgrid-bench-calls").FullName,
            silo => { if (dashboard) { silo.AddDashboard(); } });
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    private static Task<(double PerSecond, TimeSpan P50, TimeSpan P99)> MeasureGrainAsync(IGrainFactory grains, int callers, double seconds, CancellationToken cancellationToken)
    {
        var refs = Enumerable.Range(0, callers).Select(i => grains.GetGrain<IBenchGrain>($"b{i}")).ToArray();
        return MeasureAsync(callers, seconds, i => x => refs[i].PingAsync(x), cancellationToken);
    }

    /// <summary>A caller of a bare server task: request in through one channel, answer back through a task source.</summary>
    private static Func<int, Func<int, Task<int>>> ChannelCaller => caller =>
    {
        var requests = Channel.CreateUnbounded<(int Value, TaskCompletionSource<int> Reply)>(new UnboundedChannelOptions { SingleReader = true });
        _ = Task.Run(async () =>
        {
            await foreach (var (value, reply) in requests.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                reply.SetResult(value + 1);
            }
        });
        return value =>
        {
            var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            requests.Writer.TryWrite((value, reply));
            return reply.Task;
        };
    };

    private static async Task<(double PerSecond, TimeSpan P50, TimeSpan P99)> MeasureAsync(
        int callers, double seconds, Func<int, Func<int, Task<int>>> callerFactory, CancellationToken cancellationToken)
    {
        var calls = Enumerable.Range(0, callers).Select(callerFactory).Select(call => (Func<long, Task>)(n => call((int)n))).ToArray();
        var (perSecond, latency) = await LoadLoop.MeasureAsync(calls, seconds, cancellationToken).ConfigureAwait(false);
        return (perSecond, latency.Quantile(0.5), latency.Quantile(0.99));
    }

    private Task Print(string label, (double PerSecond, TimeSpan P50, TimeSpan P99) m) =>
        stdout.WriteLineAsync($"{label}: {m.PerSecond:N0} calls/s, p50 {m.P50.TotalMicroseconds:0.0} µs, p99 {m.P99.TotalMicroseconds:0.0} µs");
}
