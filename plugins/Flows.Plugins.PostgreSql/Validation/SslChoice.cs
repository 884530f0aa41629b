using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flows.Plugins.PostgreSql.Validation;

/// <summary>The form's SSL modes, as libpq names them.</summary>
internal enum SslChoice
{
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// <summary>
/// TLS for one connection attempt. Npgsql connects to the checked IP address, so its own name check
/// would compare the certificate with that address; instead the certificate is checked here against
/// the host name the user typed (and that name is sent as SNI), with the form's root certificate or
/// the system's authorities.
/// </summary>
internal sealed class TlsPolicy(SslChoice mode, string hostName, X509Certificate2? root)
{
    public SslChoice Mode => mode;

    /// <summary>Set when the last handshake failed the certificate check, to say why.</summary>
    public string? CertificateProblem { get; private set; }

    public static SslChoice? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "disable" => SslChoice.Disable,
        "prefer" or null or "" => SslChoice.Prefer,
        "require" => SslChoice.Require,
        "verify-ca" => SslChoice.VerifyCa,
        "verify-full" => SslChoice.VerifyFull,
        _ => null,
    };

    public void Configure(SslClientAuthenticationOptions options)
    {
        options.TargetHost = hostName;
        options.RemoteCertificateValidationCallback = Validate;
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (mode is SslChoice.Prefer or SslChoice.Require)
        {
            return true; // libpq's meaning: encrypted, certificate unchecked.
        }

        if (certificate is null)
        {
            CertificateProblem = "The server sent no certificate.";
            return false;
        }

        using var server = new X509Certificate2(certificate);
        using var verifier = new X509Chain();
        verifier.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (root is not null)
        {
            verifier.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            verifier.ChainPolicy.CustomTrustStore.Add(root);
        }

        if (chain is not null)
        {
            verifier.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
        }

        if (!verifier.Build(server))
        {
            CertificateProblem = root is null
                ? "The server's certificate is not signed by an authority this computer trusts. Paste your authority's certificate as the Root certificate."
                : "The server's certificate is not signed by the Root certificate given.";
            return false;
        }

        if (mode == SslChoice.VerifyFull && !server.MatchesHostname(hostName))
        {
            CertificateProblem = $"The server's certificate is not issued for '{hostName}'.";
            return false;
        }

        return true;
    }
}

/// <summary>PEM text from the form as certificates; problems are worded for the field.</summary>
internal static class PemCertificates
{
    public static X509Certificate2? Root(string? pem, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(pem))
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            problem = "This is not a certificate in PEM form (-----BEGIN CERTIFICATE----- …).";
            return null;
        }
    }

    public static X509Certificate2? Client(string certificatePem, string keyPem, out string? certificateProblem, out string? keyProblem)
    {
        certificateProblem = null;
        keyProblem = null;
        if (!certificatePem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            certificateProblem = "This is not a certificate in PEM form (-----BEGIN CERTIFICATE----- …).";
            return null;
        }

        if (keyPem.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            keyProblem = "This key is encrypted. Paste the key without a passphrase (openssl pkey -in key.pem).";
            return null;
        }

        try
        {
            using var withEphemeralKey = X509Certificate2.CreateFromPem(certificatePem, keyPem);

            // A certificate whose key lives only in memory cannot be used for a TLS client on every
            // platform; a PKCS#12 round trip gives it a usable key without writing a file.
            return X509CertificateLoader.LoadPkcs12(withEphemeralKey.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException)
        {
            // CreateFromPem does not say which half was wrong; the key is the usual culprit.
            keyProblem = "This key does not belong to the certificate, or is not a private key in PEM form (-----BEGIN PRIVATE KEY----- …).";
            return null;
        }
        catch (ArgumentException)
        {
            keyProblem = "This is not a private key in PEM form (-----BEGIN PRIVATE KEY----- …).";
            return null;
        }
    }
}
