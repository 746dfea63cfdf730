using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace ComparisonGrid.Hosting.Cluster;

/// <summary>
/// Mutual TLS between the processes of a cluster (Orleans.Connections.Security): every silo and client holds a
/// certificate from one cluster authority, shows it on every connection it makes or takes, and accepts a peer only
/// when the peer's certificate chains to that authority. The silo and gateway ports answer members only.
/// </summary>
public sealed class SiloCertificates : IDisposable
{
    private readonly X509Certificate2 _authority;

    private SiloCertificates(X509Certificate2 authority, X509Certificate2 certificate)
    {
        _authority = authority;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Loads the PEM files named in <paramref name="options"/>; a missing, unreadable or foreign certificate is a <see cref="GridConfigurationException"/>.</summary>
    public static SiloCertificates Load(GridOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.SiloCertificatePath) || string.IsNullOrWhiteSpace(options.SiloKeyPath) || string.IsNullOrWhiteSpace(options.ClusterAuthorityPath))
        {
            throw new GridConfigurationException(
                "a cluster member needs --silo-certificate, --silo-key and --cluster-authority (PEM files: the processes of a cluster call each other " +
                "over mutual TLS; deploy/local-cluster.sh shows how to make them, docs/security.md how to rotate them)");
        }
        X509Certificate2 authority, certificate;
        try
        {
            authority = X509CertificateLoader.LoadCertificateFromFile(options.ClusterAuthorityPath);
            certificate = X509Certificate2.CreateFromPemFile(options.SiloCertificatePath, options.SiloKeyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new GridConfigurationException(
                $"cannot load the silo certificate ({options.SiloCertificatePath}, key {options.SiloKeyPath}) or the cluster authority ({options.ClusterAuthorityPath}): {e.Message}");
        }
        var loaded = new SiloCertificates(authority, certificate);
        if (!loaded.IsMember(certificate))
        {
            loaded.Dispose();
            throw new GridConfigurationException(
                $"the silo certificate {options.SiloCertificatePath} ({certificate.Subject}) is not issued by the cluster authority {options.ClusterAuthorityPath} ({authority.Subject}), or it has expired");
        }
        return loaded;
    }

    /// <summary>TLS for Orleans' connections: this certificate both ways, a peer's certificate required and judged by <see cref="IsMember"/>.</summary>
    public void Configure(TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        tls.LocalCertificate = Certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.SslProtocols = SslProtocols.Tls13;
        tls.HandshakeTimeout = TimeSpan.FromSeconds(10);
        // A silo's address is whatever its host has; membership comes from the authority alone, so a name that does
        // not match is not a reason, a chain that does not end at the authority is.
        tls.RemoteCertificateValidation = (certificate, _, errors) =>
            (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0 && IsMember(certificate);
    }

    /// <summary>True when <paramref name="peer"/> chains to the cluster authority and is valid now.</summary>
    public bool IsMember(X509Certificate2? peer)
    {
        if (peer is null)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        // A cluster authority publishes no revocation list; a certificate is withdrawn by rotating the authority.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(_authority.RawDataMemory.Span);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _authority.Dispose();
    }
}
