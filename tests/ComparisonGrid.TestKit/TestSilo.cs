using ComparisonGrid.Core;
using ComparisonGrid.Runtime;
using ComparisonGrid.Runtime.Configuration;
using ComparisonGrid.Runtime.Hosting;
using ComparisonGrid.Runtime.Membership;
using ComparisonGrid.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.TestKit;

/// <summary>A host with a silo and the grains a test registers, started; disposing it shuts the silo down.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host)
    {
        _host = host;
        Silo = host.Services.GetRequiredService<Silo>();
        Storage = host.Services.GetRequiredService<IGrainStorage>();
        View = host.Services.GetService<MembershipView>();
        Options = host.Services.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value;
    }

    /// <summary>The silo's picture of the cluster; null for a silo on its own.</summary>
    public MembershipView? View { get; }

    public GrainRuntimeOptions Options { get; }

    public IGrainStorage Storage { get; }

    public Silo Silo { get; }

    /// <summary>The host's services, for what a test registered beside its grains.</summary>
    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Silo.Factory;

    /// <param name="grains">Registers the test's grains (AddGrain, AddGrainJson) and whatever they need.</param>
    public static async Task<TestSilo> StartAsync(Action<IServiceCollection> grains, Action<GrainRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddComparisonGrid(o =>
        {
            o.Storage = "memory";
            configure?.Invoke(o);
        });
        grains(builder.Services);
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
}
