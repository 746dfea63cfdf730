using System.Net;
using System.Security.Cryptography.X509Certificates;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Cluster;
using ComparisonGrid.Runtime.Cluster.Wire;
using ComparisonGrid.Runtime.Membership;
using ComparisonGrid.Runtime.Messaging;
using ComparisonGrid.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace ComparisonGrid.Runtime.Tests;

/// <summary>
/// The silo port answers members only: mutual TLS with certificates from the cluster's authority, and observer
/// addresses that name live members.
/// </summary>
public sealed class SiloPortSecurityTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    // The caller checks only that the silo showed some certificate: what an attacker who wants in would do.
    private static SocketsHttpHandler Handler(X509Certificate2? certificate) => new()
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, serverCertificate, _, _) => serverCertificate is not null,
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
            ClientCertificates = certificate is null ? null : [certificate],
        },
    };

    private static async Task<Exception?> PostCallAsync(HttpMessageHandler handler, string address)
    {
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, address + SiloRoutes.Call)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0x0a, 0x07, .. "counter"u8]),
        };
        try
        {
            using var response = await http.SendAsync(request);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return e;
        }
    }

    [Fact]
    public async Task The_silo_port_refuses_plain_HTTP2_no_certificate_and_a_certificate_from_another_authority()
    {
        await using var cluster = await TestGrainSilos.StartClusterAsync(server, 1);
        var address = new Uri(cluster.Silos[0].Options.SiloAddress!);
        Assert.Equal("https", address.Scheme);

        // Cleartext HTTP/2 (prior knowledge), as the unauthenticated attack sent it.
        Assert.NotNull(await PostCallAsync(new SocketsHttpHandler(), $"http://127.0.0.1:{address.Port}"));

        // TLS, trusting the server, but presenting no certificate.
        Assert.NotNull(await PostCallAsync(Handler(null), address.GetLeftPart(UriPartial.Authority)));

        // TLS with a certificate that chains to an authority of its own.
        var foreign = Directory.CreateTempSubdirectory("cgrid-foreign").FullName;
        try
        {
            var files = ClusterCertificates.IssueSilo(foreign, "intruder", ClusterCertificates.CreateAuthority(foreign, "another authority"));
            using var intruder = X509Certificate2.CreateFromPemFile(files.Certificate, files.Key);
            Assert.NotNull(await PostCallAsync(Handler(intruder), address.GetLeftPart(UriPartial.Authority)));
        }
        finally
        {
            Directory.Delete(foreign, recursive: true);
        }

        // The same request with a member's certificate gets through (the body is refused as a call, not the caller).
        var member = cluster.Silos[0].Options;
        using var own = X509Certificate2.CreateFromPemFile(member.SiloCertificatePath!, member.SiloKeyPath!);
        Assert.Null(await PostCallAsync(Handler(own), address.GetLeftPart(UriPartial.Authority)));
    }

    [Fact]
    public async Task A_silo_with_a_certificate_from_another_authority_cannot_join()
    {
        await using var cluster = await TestGrainSilos.StartClusterAsync(server, 2);
        var foreign = Directory.CreateTempSubdirectory("cgrid-foreign").FullName;
        try
        {
            var authority = ClusterCertificates.CreateAuthority(foreign, "another authority");
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.StartSiloAsync(authority));
            Assert.Contains("cannot join the cluster", refused.Message, StringComparison.Ordinal);

            var table = cluster.Silos[0].Services.GetRequiredService<MembershipTable>();
            var silos = await table.ReadAllAsync(CancellationToken.None);
            Assert.Equal(2, silos.Count(s => s.Status == SiloStatus.Active));
            Assert.Single(silos, s => s.Status == SiloStatus.Dead);
        }
        finally
        {
            Directory.Delete(foreign, recursive: true);
        }
    }

    [Fact]
    public async Task An_observer_address_that_is_not_a_live_member_is_refused()
    {
        await using var cluster = await TestGrainSilos.StartClusterAsync(server, 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var ticker = Enumerable.Range(0, 100).Select(i => $"t{i}").First(k => a.View!.RemoteOwner(new GrainId("ticker", k)) is not null);
        // An observer reference that points wherever its sender likes: the request forgery the port allowed.
        var forged = (ITickObserver)ObserverRegistry.CreateProxy(typeof(ITickObserver), a.Services.GetRequiredService<SiloClient>(), "https://127.0.0.1:9", "forged");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => a.Grains.GetGrain<ITickerGrain>(ticker).SubscribeAsync(forged));
        Assert.Contains("is not a live member", refused.Message, StringComparison.Ordinal);

        // A real observer on a member still subscribes.
        var observer = new TickObserver();
        await a.Grains.GetGrain<ITickerGrain>(ticker).SubscribeAsync(observer);
        Assert.Equal(1, await b.Grains.GetGrain<ITickerGrain>(ticker).TickAsync(1));
    }
}
