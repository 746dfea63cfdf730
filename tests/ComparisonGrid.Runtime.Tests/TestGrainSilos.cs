using ComparisonGrid.Runtime.Hosting;
using ComparisonGrid.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace ComparisonGrid.Runtime.Tests;

/// <summary>The runtime tests' grains on TestKit's silos, and the log they write, read from the silo.</summary>
internal static class TestGrainSilos
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<GrainLog>();
        services.AddGrain<ICounterGrain, CounterGrain>();
        services.AddGrain<IEchoGrain, EchoGrain>();
        services.AddGrain<ITickerGrain, TickerGrain>();
        services.AddGrainJson(TestStateJson.Default);
    }

    public static Task<TestSilo> StartAsync(Action<Configuration.GrainRuntimeOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        TestSilo.StartAsync(s =>
        {
            Register(s);
            services?.Invoke(s);
        }, configure);

    public static Task<TestCluster> StartClusterAsync(PostgresServer server, int silos) => TestCluster.StartAsync(server, silos, Register);

    extension(TestSilo silo)
    {
        /// <summary>What the test grains on this silo recorded.</summary>
        public GrainLog Log => silo.Services.GetRequiredService<GrainLog>();
    }
}
