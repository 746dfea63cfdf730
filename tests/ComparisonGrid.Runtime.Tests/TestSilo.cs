using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Configuration;
using ComparisonGrid.Runtime.Hosting;
using ComparisonGrid.Runtime.Membership;
using ComparisonGrid.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Runtime.Tests;

/// <summary>A host with the silo and the test grains, started; disposing it shuts the silo down.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host)
    {
        _host = host;
        Silo = host.Services.GetRequiredService<Silo>();
        Log = host.Services.GetRequiredService<GrainLog>();
        Storage = host.Services.GetRequiredService<IGrainStorage>();
        View = host.Services.GetService<MembershipView>();
        Options = host.Services.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value;
    }

    /// <summary>The silo's picture of the cluster; null for a silo on its own.</summary>
    public MembershipView? View { get; }

    public GrainRuntimeOptions Options { get; }

    public IGrainStorage Storage { get; }

    public Silo Silo { get; }

    public GrainLog Log { get; }

    public IGrainFactory Grains => Silo.Factory;

    public static async Task<TestSilo> StartAsync(Action<GrainRuntimeOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddComparisonGrid(o =>
        {
            o.Storage = "memory";
            configure?.Invoke(o);
        });
        builder.Services.AddSingleton<GrainLog>();
        builder.Services.AddGrain<ICounterGrain, CounterGrain>();
        builder.Services.AddGrain<IEchoGrain, EchoGrain>();
        builder.Services.AddGrain<ITickerGrain, TickerGrain>();
        builder.Services.AddGrainJson(TestStateJson.Default);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, for at most ten seconds.</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"never happened: {what}");
            }
            await Task.Delay(20);
        }
    }
}
