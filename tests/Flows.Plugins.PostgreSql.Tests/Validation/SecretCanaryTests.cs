namespace Flows.Plugins.PostgreSql.Tests.Validation;

/// <summary>
/// A canary typed into the secret fields — and into the other fields, where messages do quote what
/// was typed — across every outcome, never reaches a result, an exception or a log line.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class SecretCanaryTests(PostgresFixture fixture)
{
    private const string Canary = "Pw-CANARY-7f3a'\"<&>;Host=10.0.0.1";

    private readonly SecretCanary _canary = new();

    [Fact]
    public async Task SecretsTypedIntoTheForm_NeverAppearInResultsExceptionsOrLogs()
    {
        using var validators = new Validators($"{fixture.Main.HostAndPort},{fixture.Plain.HostAndPort},localhost:{fixture.Main.Port}", TimeSpan.FromSeconds(2));
        var (certificate, key) = fixture.Certificates.Client(PostgresFixture.CertificateUser);
        var variations = new Action<JsonObject>[]
        {
            _ => { },
            v => v["username"] = "nobody",
            v => v["database"] = "nosuchdb",
            v => v["database"] = Canary,
            v => v["username"] = Canary,
            v => v["host"] = Canary,
            v => v["host"] = "nosuchhost.invalid",
            v => v["host"] = "169.254.169.254",
            v => v["options"] = $"Application Name={Canary}",
            v => v["options"] = Canary,
            v => v["rootCertificate"] = Canary,
            v => v["sslMode"] = "verify-full",
            v => (v["database"], v["sslMode"]) = (PostgresFixture.TlsOnlyDatabase, "disable"),
            v => v["port"] = 1,
        };
        foreach (var change in variations)
        {
            await _canary.RecordAsync(() => validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v =>
            {
                v["password"] = Canary;
                change(v);
            })));
            await _canary.RecordAsync(() => validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Plain, v =>
            {
                v["password"] = Canary;
                v["sslMode"] = "require";
                change(v);
            })));
        }

        // The real password: the server accepts it, and neither the summary nor a log line carries it.
        await _canary.RecordAsync(() => validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["username"] = PostgresFixture.User)));

        foreach (var broken in new[] { key, key.Replace("MII", "MIX", StringComparison.Ordinal), Canary })
        {
            await _canary.RecordAsync(() => validators.CheckCertificateAsync(new JsonObject
            {
                ["host"] = "localhost",
                ["port"] = fixture.Main.Port,
                ["database"] = PostgresFixture.Database,
                ["username"] = PostgresFixture.User,
                ["clientCertificate"] = certificate,
                ["clientKey"] = broken,
                ["sslMode"] = "require",
            }));
        }

        _canary.Add(validators.Log.Entries);
        _canary.Seen.ShouldContain(s => s.Contains("Connected to", StringComparison.Ordinal), "some attempts did connect");
        // And no line of the private key.
        _canary.ShouldNotContainAny(Canary, PostgresFixture.Password, key.Split('\n')[1]);
    }
}
