using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ComparisonGrid.Hosting.Storage;

namespace ComparisonGrid.Hosting.Cluster;

/// <summary>
/// Makes a cluster authority and silo certificates as PEM files, for clusters started in-process (tests,
/// benchmarks). deploy/local-cluster.sh makes the same files with openssl; docs/security.md says how.
/// </summary>
public static class ClusterCertificates
{
    /// <summary>A new authority in <paramref name="folder"/>: authority.crt and authority.key (owner-only).</summary>
    public static (string Certificate, string Key) CreateAuthority(string folder, string name = "ComparisonGrid cluster authority")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        return Write(folder, "authority", authority.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A silo certificate for 127.0.0.1 and localhost, issued by the authority in the given files.</summary>
    public static (string Certificate, string Key) IssueSilo(string folder, string name, (string Certificate, string Key) authority)
    {
        using var issuer = X509Certificate2.CreateFromPemFile(authority.Certificate, authority.Key);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        // Each silo is a server to its callers and a client to those it calls.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var certificate = request.Create(issuer, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(90), serial);
        return Write(folder, name, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static (string, string) Write(string folder, string name, string certificatePem, string keyPem)
    {
        Directory.CreateDirectory(folder);
        var certificate = Path.Combine(folder, name + ".crt");
        var key = Path.Combine(folder, name + ".key");
        File.WriteAllText(certificate, certificatePem);
        OwnerOnlyFiles.WriteAllText(key, keyPem);
        return (certificate, key);
    }
}
