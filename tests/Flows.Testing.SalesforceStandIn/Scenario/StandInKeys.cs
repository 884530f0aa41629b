using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flows.Testing.SalesforceStandIn;

/// <summary>Key pairs for the JWT bearer flow: the private key signs, the certificate goes on the app.</summary>
public static class StandInKeys
{
    private static readonly Lazy<StandInRsaKey> DefaultKey = new(CreateRsa);

    /// <summary>The key whose certificate the default scenario's JWT app holds (made once per process).</summary>
    public static StandInRsaKey Default => DefaultKey.Value;

    /// <summary>A fresh 2048-bit RSA key and a self-signed certificate for it, as Salesforce's Setup accepts.</summary>
    public static StandInRsaKey CreateRsa()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Flows stand-in JWT signer", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return new StandInRsaKey(rsa.ExportPkcs8PrivateKeyPem(), certificate.ExportCertificatePem());
    }

    /// <summary>A certificate as <see cref="StandInConnectedApp.CertificatePem"/> takes it.</summary>
    public static string Pem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.ExportCertificatePem();
    }
}

/// <param name="PrivateKeyPem">PKCS#8 PEM ("BEGIN PRIVATE KEY"): what a JWT bearer account's private key field holds.</param>
/// <param name="CertificatePem">The self-signed certificate to register on the app.</param>
public sealed record StandInRsaKey(string PrivateKeyPem, string CertificatePem)
{
    /// <summary>Keeps the private key out of test output and assertion messages.</summary>
    public override string ToString() => "StandInRsaKey (private key hidden)";
}
