using ComparisonGrid.Hosting;
using ComparisonGrid.Hosting.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComparisonGrid.TestKit;

/// <summary>
/// A silo of a cluster on PostgreSQL in this process (AddComparisonGrid, as the gateway starts one), with mutual TLS
/// from certificates made in <see cref="CertificateFolder"/>. Several in one process form a cluster.
/// </summary>
public static class ClusterSilo
{
    /// <summary>A new cluster authority in a folder of its own; <see cref="Certificates"/> issues members from it.</summary>
    public static string CertificateFolder(string name = "authority")
    {
        var folder = Directory.CreateTempSubdirectory("cgrid-certs-").FullName;
        ClusterCertificates.CreateAuthority(folder, name);
        return folder;
    }

    /// <summary>Certificate and key of a member <paramref name="name"/> issued by the authority in <paramref name="folder"/>.</summary>
    public static (string Certificate, string Key, string Authority) Certificates(string folder, string name)
    {
        var authority = (Path.Combine(folder, "authority.crt"), Path.Combine(folder, "authority.key"));
        var (certificate, key) = ClusterCertificates.IssueSilo(folder, name, authority);
        return (certificate, key, authority.Item1);
    }

    /// <param name="survivesDeath">Keep the test process alive when the cluster declares this silo dead (it stops instead).</param>
    public static async Task<IHost> StartAsync(string postgres, (string Certificate, string Key, string Authority) certificates,
        Dictionary<string, string?>? settings = null, bool survivesDeath = false, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddComparisonGrid(o =>
        {
            o.DataDirectory = Directory.CreateTempSubdirectory("cgrid-silo-").FullName;
            o.PostgresConnectionString = postgres;
            o.SiloAddress = $"127.0.0.1:{Ports.Free()}";
            o.SiloCertificatePath = certificates.Certificate;
            o.SiloKeyPath = certificates.Key;
            o.ClusterAuthorityPath = certificates.Authority;
        });
        if (survivesDeath)
        {
            // Orleans ends a process whose silo the cluster declared dead; in a test process that would end every test.
            builder.Services.AddSingleton<Orleans.Runtime.IFatalErrorHandler, RecordingFatalErrorHandler>();
        }
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }
}

/// <summary>Records a silo's fatal error instead of ending the process, as TestingHost does for its in-process silos.</summary>
internal sealed class RecordingFatalErrorHandler : Orleans.Runtime.IFatalErrorHandler
{
    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
    }
}
