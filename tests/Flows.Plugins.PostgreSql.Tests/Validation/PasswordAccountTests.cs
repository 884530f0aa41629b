using System.Net;
using System.Net.Sockets;

namespace Flows.Plugins.PostgreSql.Tests.Validation;

/// <summary>The password account type against real PostgreSQL servers started by the test run.</summary>
[Collection(PostgresTests.Name)]
public sealed class PasswordAccountTests(PostgresFixture fixture) : IDisposable
{
    private readonly Validators _validators = new($"{fixture.Main.HostAndPort},{fixture.Plain.HostAndPort},localhost:{fixture.Main.Port}");

    public void Dispose() => _validators.Dispose();

    [Fact]
    public async Task TheRightPassword_ConnectsAndSaysWhichServerUserAndDatabaseItIs()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main));

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldStartWith($"alice on database app at 127.0.0.1:{fixture.Main.Port}, PostgreSQL ");
        result.IdentitySummary.ShouldEndWith("encrypted (TLS)");
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task AServerWithoutTls_InPreferMode_ConnectsUnencryptedAndWarnsAboutIt()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Plain));

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldEndWith("not encrypted");
        result.Warnings.ShouldHaveSingleItem().ShouldContain("not encrypted");
    }

    [Fact]
    public async Task AWrongPassword_BlamesTheUsernameAndThePassword()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["password"] = "not-the-password"));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe("PostgreSQL did not accept the username and password.");
        result.FieldErrors.Select(e => e.Field).ShouldBe(["username", "password"]);
    }

    [Fact]
    public async Task AnUnknownUser_GetsTheSameAnswerAsAWrongPassword_BecauseTheServerDoesNotTell()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["username"] = "nobody"));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe("PostgreSQL did not accept the username and password.");
    }

    [Fact]
    public async Task AUserWithoutTheLoginRight_BlamesTheUsername()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["username"] = PostgresFixture.NoLoginUser));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("username");
    }

    [Fact]
    public async Task AnUnknownDatabase_BlamesTheDatabase()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["database"] = "nosuchdb"));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe("There is no database named 'nosuchdb' on this server.");
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("database");
    }

    [Fact]
    public async Task ADatabaseTheUserMayNotConnectTo_BlamesTheDatabase()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["database"] = PostgresFixture.ClosedDatabase));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("database");
    }

    [Fact]
    public async Task AClosedPort_BlamesTheHostAndThePort()
    {
        var closed = FreePort();
        using var validators = new Validators($"127.0.0.1:{closed}");

        var result = await validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["port"] = closed));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe($"Nothing accepts connections at 127.0.0.1:{closed}.");
        result.FieldErrors.Select(e => e.Field).ShouldBe(["host", "port"]);
    }

    [Fact]
    public async Task AServerThatRequiresTls_WithSslModeDisable_BlamesTheSslMode()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v =>
        {
            v["database"] = PostgresFixture.TlsOnlyDatabase;
            v["sslMode"] = "disable";
        }));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe("The server accepts this login only over an encrypted (TLS) connection.");
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("sslMode");
    }

    [Fact]
    public async Task AServerWithoutTls_WithSslModeRequire_BlamesTheSslMode()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Plain, v => v["sslMode"] = "require"));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldContain("does not offer encrypted (TLS) connections");
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("sslMode");
    }

    [Fact]
    public async Task AServerThatNeverAnswers_IsATimeout_NotABadPassword()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepting = silent.AcceptTcpClientAsync();
        using var validators = new Validators($"127.0.0.1:{port}", connectTimeout: TimeSpan.FromSeconds(1));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["port"] = port));

        result.Outcome.ShouldBe(AccountValidationOutcome.Unavailable, result.Message);
        result.Message.ShouldContain("did not answer within 1 s");
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        (await accepting).Dispose();
    }

    [Fact]
    public async Task VerifyFull_WithTheRootCertificate_AcceptsTheServerByTheNameTyped()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v =>
        {
            v["host"] = "localhost";
            v["sslMode"] = "verify-full";
            v["rootCertificate"] = fixture.Certificates.CaPem;
        }));

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldNotBeNull().ShouldContain($"at localhost:{fixture.Main.Port}");
    }

    [Fact]
    public async Task VerifyFull_ForAnAddressTheCertificateDoesNotName_BlamesTheCertificateCheck()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v =>
        {
            v["sslMode"] = "verify-full";
            v["rootCertificate"] = fixture.Certificates.CaPem;
        }));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe("The server's certificate is not issued for '127.0.0.1'.");
        result.FieldErrors.Select(e => e.Field).ShouldBe(["rootCertificate", "sslMode"]);
    }

    [Fact]
    public async Task VerifyCa_WithoutTheRootCertificate_SaysTheAuthorityIsNotTrusted()
    {
        var result = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["sslMode"] = "verify-ca"));

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldContain("not signed by an authority this computer trusts");
    }

    [Fact]
    public async Task Options_WithAnAllowedSetting_AreUsed_AndAnythingElseIsRefusedBeforeConnecting()
    {
        var allowed = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["options"] = "Application Name=flows-test;Search Path=public"));
        var refused = await _validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["options"] = "Host=10.0.0.1;Passfile=/etc/passwd"));

        allowed.Outcome.ShouldBe(AccountValidationOutcome.Valid, allowed.Message);
        refused.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        refused.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("options");
        _validators.Log.Entries.ShouldNotContain(e => e.Contains("10.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACancelledValidation_StopsAndSaysSo()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var validators = new Validators($"127.0.0.1:{port}", connectTimeout: TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() =>
            validators.CheckPasswordAsync(Validators.PasswordAccount(fixture.Main, v => v["port"] = port), cancel.Token));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
