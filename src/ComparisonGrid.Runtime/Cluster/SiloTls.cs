using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ComparisonGrid.Runtime.Configuration;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>
/// Mutual TLS between silos, as Orleans secures its silo port: every silo holds a certificate from one cluster
/// authority, shows it on every connection it makes or takes, and accepts a peer only when the peer's certificate
/// chains to that authority. The silo port therefore answers members only; anyone else fails the handshake.
/// </summary>
internal sealed class SiloTls : IDisposable
{
    private readonly X509Certificate2 _authority;

    public SiloTls(IOptions<GrainRuntimeOptions> options)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.SiloCertificatePath) || string.IsNullOrWhiteSpace(o.SiloKeyPath) || string.IsNullOrWhiteSpace(o.ClusterAuthorityPath))
        {
            throw new InvalidOperationException(
                "a clustered silo needs ComparisonGrid:SiloCertificatePath, SiloKeyPath and ClusterAuthorityPath (PEM files: silos call each other " +
                "over mutual TLS; deploy/local-cluster.sh shows how to make them, docs/security.md how to rotate them)");
        }
        if (!new Uri(o.SiloAddress!).Scheme.Equals(Uri.UriSchemeHttps, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the silo address {o.SiloAddress} must be https:// (silos call each other over mutual TLS only)");
        }
        try
        {
            _authority = X509CertificateLoader.LoadCertificateFromFile(o.ClusterAuthorityPath);
            Certificate = X509Certificate2.CreateFromPemFile(o.SiloCertificatePath, o.SiloKeyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"cannot load the silo's certificate ({o.SiloCertificatePath}, key {o.SiloKeyPath}) or the cluster authority ({o.ClusterAuthorityPath}): {e.Message}", e);
        }
        if (!IsMember(Certificate))
        {
            throw new InvalidOperationException(
                $"the silo certificate {o.SiloCertificatePath} ({Certificate.Subject}) is not issued by the cluster authority {o.ClusterAuthorityPath} ({_authority.Subject}), or it has expired");
        }
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>True when <paramref name="peer"/> chains to the cluster authority and is valid now.</summary>
    public bool IsMember(X509Certificate? peer)
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
        var certificate = peer as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(peer.GetRawCertData());
        return chain.Build(certificate) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(_authority.RawDataMemory.Span);
    }

    public SslClientAuthenticationOptions ClientOptions() => new()
    {
        // Always this silo's own certificate: the server names no acceptable issuers for a choice to be made from.
        LocalCertificateSelectionCallback = (_, _, _, _, _) => Certificate,
        ClientCertificates = [Certificate],
        EnabledSslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12,
        // The host name must match as on any TLS connection; the chain is judged against the cluster authority alone.
        RemoteCertificateValidationCallback = (_, peer, _, errors) =>
            (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0 && IsMember(peer),
    };

    public void Dispose()
    {
        Certificate.Dispose();
        _authority.Dispose();
    }
}
