using Microsoft.Extensions.Hosting;

namespace ComparisonGrid.Runtime.Hosting;

/// <summary>Starts the silo with the host and deactivates every grain (state written) when the host stops.</summary>
internal sealed class SiloHostedService(Silo silo) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        silo.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);
}
