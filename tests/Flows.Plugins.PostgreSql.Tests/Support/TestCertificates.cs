using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flows.Plugins.PostgreSql.Tests.Support;

/// <summary>
/// A throwaway certificate authority with a server certificate for "localhost" (no IP address in it,
/// so a name check against 127.0.0.1 fails) and client certificates, made in memory for one test run.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly RSA _caKey = RSA.Create(2048);

    public TestCertificates()
    {
        var request = new CertificateRequest("CN=Flows Test CA", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        (ServerCertificatePem, ServerKeyPem) = Issue("CN=localhost", server: true);
    }

    public string CaPem => _ca.ExportCertificatePem();

    public string ServerCertificatePem { get; }

    public string ServerKeyPem { get; }

    /// <summary>A client certificate for <paramref name="commonName"/> signed by this authority (or by a stranger's).</summary>
    public (string CertificatePem, string KeyPem) Client(string commonName, bool trusted = true)
    {
        if (trusted)
        {
            return Issue($"CN={commonName}", server: false);
        }

        using var strangers = new TestCertificates();
        return strangers.Client(commonName);
    }

    private (string CertificatePem, string KeyPem) Issue(string subject, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var certificate = request.Create(_ca.SubjectName, X509SignatureGenerator.CreateForRSA(_caKey, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial);
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
    }
}
