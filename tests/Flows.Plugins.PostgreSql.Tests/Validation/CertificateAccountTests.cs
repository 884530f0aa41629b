namespace Flows.Plugins.PostgreSql.Tests.Validation;

/// <summary>The client-certificate account type against the TLS server's cert rule for certuser.</summary>
[Collection(PostgresTests.Name)]
public sealed class CertificateAccountTests(PostgresFixture fixture) : IDisposable
{
    private readonly Validators _validators = new($"localhost:{fixture.Main.Port},{fixture.Main.HostAndPort}");

    public void Dispose() => _validators.Dispose();

    private JsonObject Account(string certificate, string key, Action<JsonObject>? change = null)
    {
        var values = new JsonObject
        {
            ["host"] = "localhost",
            ["port"] = fixture.Main.Port,
            ["database"] = PostgresFixture.Database,
            ["username"] = PostgresFixture.CertificateUser,
            ["clientCertificate"] = certificate,
            ["clientKey"] = key,
            ["sslMode"] = "verify-full",
            ["rootCertificate"] = fixture.Certificates.CaPem,
        };
        change?.Invoke(values);
        return values;
    }

    [Fact]
    public async Task AClientCertificateTheServerTrusts_LogsInAsItsCommonName()
    {
        var (certificate, key) = fixture.Certificates.Client(PostgresFixture.CertificateUser);

        var result = await _validators.CheckCertificateAsync(Account(certificate, key));

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldStartWith($"certuser on database app at localhost:{fixture.Main.Port}");
    }

    [Fact]
    public async Task AClientCertificateFromAnotherAuthority_BlamesTheCertificate()
    {
        var (certificate, key) = fixture.Certificates.Client(PostgresFixture.CertificateUser, trusted: false);

        var result = await _validators.CheckCertificateAsync(Account(certificate, key));

        result.Outcome.ShouldNotBe(AccountValidationOutcome.Valid);
        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid, result.Message);
        result.FieldErrors.ShouldContain(e => e.Field == "clientCertificate");
    }

    [Fact]
    public async Task AUserWhoseLoginNeedsAPassword_IsNeverSentOne_AndTheCertificateIsBlamed()
    {
        var (certificate, key) = fixture.Certificates.Client(PostgresFixture.User);

        var result = await _validators.CheckCertificateAsync(Account(certificate, key, v => v["username"] = PostgresFixture.User));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid, result.Message);
        result.FieldErrors.ShouldContain(e => e.Field == "clientCertificate");
    }

    [Fact]
    public async Task AKeyThatDoesNotBelongToTheCertificate_IsRefusedBeforeConnecting()
    {
        var (certificate, _) = fixture.Certificates.Client(PostgresFixture.CertificateUser);
        var (_, otherKey) = fixture.Certificates.Client("someone-else");

        var result = await _validators.CheckCertificateAsync(Account(certificate, otherKey));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("clientKey");
        _validators.Log.Entries.ShouldNotContain(e => e.Contains("Connecting", StringComparison.Ordinal));
    }
}
