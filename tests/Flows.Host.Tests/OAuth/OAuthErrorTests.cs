using System.Net;
using System.Net.Sockets;
using Flows.Host.OAuth.Protocol;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Tests.OAuth;

/// <summary>Token-endpoint errors in words: the declaration's own first, then the standard codes; passing problems as "try later".</summary>
public sealed class OAuthErrorTests
{
    private static OAuthDeclaration WithErrors(params OAuthErrorDeclaration[] errors) =>
        OAuthHarness.Declaration(OAuthFlow.ClientCredentials) with { Errors = errors };

    private static async Task<OAuthFailure> ObtainFailureAsync(Action<Flows.Testing.OAuth.OAuthProviderStandIn> script, OAuthDeclaration? declaration = null, TimeSpan? timeout = null)
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider, timeout);
        script(provider);
        var result = await harness.Client.ObtainAsync(harness.Context(declaration ?? OAuthHarness.Declaration(OAuthFlow.ClientCredentials), OAuthHarness.Account(provider)), CancellationToken.None);
        result.Succeeded.ShouldBeFalse();
        return result.Failure!;
    }

    [Fact]
    public async Task ADeclaredError_MatchedOnErrorAndDescriptionWords_WinsWithItsMessageAndField()
    {
        var declaration = WithErrors(
            new OAuthErrorDeclaration { Error = "invalid_grant", Description = "user is locked", Message = "Wrong one.", Field = "clientId" },
            new OAuthErrorDeclaration { Error = "invalid_grant", Description = "IP restricted", Message = "Your IP address or login hours are restricted for this user.", Field = "loginUrl" });

        var failure = await ObtainFailureAsync(p => p.ScriptTokenError("invalid_grant", "ip RESTRICTED or invalid login hours"), declaration);

        failure.ShouldBe(new OAuthFailure("Your IP address or login hours are restricted for this user.", "loginUrl", OAuthFailureKind.Invalid));
    }

    [Fact]
    public async Task ADeclaredError_MarkedRetry_IsTryLater()
    {
        var declaration = WithErrors(new OAuthErrorDeclaration { Error = "rate_limit_exceeded", Message = "Too many sign-ins; try later.", Retry = true });

        var failure = await ObtainFailureAsync(p => p.ScriptTokenError("rate_limit_exceeded", "slow down"), declaration);

        failure.ShouldBe(new OAuthFailure("Too many sign-ins; try later.", null, OAuthFailureKind.TryLater));
    }

    [Fact]
    public async Task ADeclaredErrorWhoseDescriptionDoesNotMatch_FallsBackToTheHostsWording()
    {
        var declaration = WithErrors(new OAuthErrorDeclaration { Error = "invalid_client", Description = "something else", Message = "Not this." });

        var failure = await ObtainFailureAsync(p => p.ScriptTokenError("invalid_client", "invalid client credentials", 401), declaration);

        failure.ShouldBe(new OAuthFailure("Acme ID did not accept the client id or secret (Acme ID said: \"invalid client credentials\").", "clientSecret", OAuthFailureKind.Invalid));
    }

    [Theory]
    [InlineData("invalid_request", "Acme ID refused the request as incomplete or malformed", OAuthFailureKind.Invalid)]
    [InlineData("invalid_grant", "Acme ID refused the client credentials grant", OAuthFailureKind.Invalid)]
    [InlineData("unauthorized_client", "The app at Acme ID is not allowed to use the client credentials flow", OAuthFailureKind.Invalid)]
    [InlineData("unsupported_grant_type", "Acme ID does not offer the client credentials flow here", OAuthFailureKind.Invalid)]
    [InlineData("invalid_scope", "Acme ID refused the permissions asked for (profile offline_access)", OAuthFailureKind.Invalid)]
    [InlineData("access_denied", "Acme ID denied access", OAuthFailureKind.Invalid)]
    [InlineData("temporarily_unavailable", "Acme ID is unavailable for now", OAuthFailureKind.TryLater)]
    [InlineData("some_vendor_error", "Acme ID refused the request (some_vendor_error)", OAuthFailureKind.Invalid)]
    public async Task AStandardError_IsSaidInTheHostsWords(string error, string message, OAuthFailureKind kind)
    {
        var failure = await ObtainFailureAsync(p => p.ScriptTokenError(error));

        failure.Message.ShouldStartWith(message);
        failure.Kind.ShouldBe(kind);
    }

    [Fact]
    public async Task AnErrorDescription_IsQuotedTrimmedAndCapped()
    {
        var failure = await ObtainFailureAsync(p => p.ScriptTokenError("invalid_request", "  " + new string('x', 500) + "\n"));

        failure.Message.ShouldContain("Acme ID said: \"" + new string('x', 200) + "…\"");
        failure.Message.Length.ShouldBeLessThan(300);
    }

    [Fact]
    public async Task RefreshAsync_RefusedAsInvalidGrant_IsSignInAgain()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));

        var result = await harness.Client.RefreshAsync(context, "rt-unknown", CancellationToken.None);

        result.Failure!.Kind.ShouldBe(OAuthFailureKind.SignInAgain);
        result.Failure.Message.ShouldStartWith("Sign in again: Acme ID no longer accepts this account's sign-in (it expired or was revoked)");
        result.Failure.Message.ShouldContain("expired access/refresh token");
    }

    [Fact]
    public async Task RefreshAsync_WithoutARefreshToken_IsSignInAgain_WithoutAskingTheProvider()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));

        var result = await harness.Client.RefreshAsync(context, string.Empty, CancellationToken.None);

        result.Failure.ShouldBe(new OAuthFailure("Sign in again: Acme ID gave this account no refresh token.", null, OAuthFailureKind.SignInAgain));
        provider.TokenRequests("refresh_token").ShouldBe(0);
    }

    [Fact]
    public async Task RefreshAsync_RefusedWithADeclaredInvalidGrant_IsSignInAgain_InTheDeclaredWords()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var declaration = OAuthHarness.Declaration() with { Errors = [new OAuthErrorDeclaration { Error = "invalid_grant", Description = "expired", Message = "The sign-in expired or was revoked.", Field = "clientId" }] };
        var context = harness.Context(declaration, OAuthHarness.Account(provider));

        var result = await harness.Client.RefreshAsync(context, "rt-unknown", CancellationToken.None);

        result.Failure.ShouldBe(new OAuthFailure("Sign in again: The sign-in expired or was revoked.", null, OAuthFailureKind.SignInAgain));
    }

    [Theory]
    [InlineData(429, "{\"error\":\"rate_limit_exceeded\"}", "application/json", "Acme ID is limiting requests right now; try later.")]
    [InlineData(500, "{\"error\":\"server_error\"}", "application/json", "Acme ID had a problem answering (HTTP 500); try later.")]
    [InlineData(503, "<html><body>Down for maintenance</body></html>", "text/html", "Acme ID had a problem answering (HTTP 503); try later.")]
    [InlineData(200, "<html><body>Down for maintenance</body></html>", "text/html", "Acme ID answered with a web page (perhaps maintenance) instead of tokens (HTTP 200); try later.")]
    [InlineData(400, "Bad Request", "text/plain", "Acme ID answered with something other than JSON instead of tokens (HTTP 400); try later.")]
    [InlineData(400, "{\"message\":\"no\"}", "application/json", "Acme ID refused the request without saying why (HTTP 400); try later.")]
    [InlineData(200, "{\"token_type\":\"Bearer\"}", "application/json", "Acme ID answered without an access token; try later.")]
    public async Task APassingProblem_IsTryLater_NeverInvalidCredentials(int status, string body, string contentType, string message)
    {
        var failure = await ObtainFailureAsync(p => p.ScriptTokenAnswer(status, body, contentType));

        failure.ShouldBe(new OAuthFailure(message, null, OAuthFailureKind.TryLater));
    }

    [Fact]
    public async Task NoAnswerInTime_IsTryLater()
    {
        var failure = await ObtainFailureAsync(p => p.Settings.TokenDelay = TimeSpan.FromSeconds(10), timeout: TimeSpan.FromSeconds(1));

        failure.ShouldBe(new OAuthFailure("Acme ID did not answer (no answer within 1 s); try later.", null, OAuthFailureKind.TryLater));
    }

    [Fact]
    public async Task AConnectionThatFails_IsTryLater()
    {
        var port = ClosedPort();
        using var harness = new OAuthHarness(allowed: $"127.0.0.1:{port}");
        var account = new JsonObject { ["loginUrl"] = $"http://127.0.0.1:{port}", ["clientId"] = "id", ["clientSecret"] = "secret" };

        var result = await harness.Client.ObtainAsync(harness.Context(OAuthHarness.Declaration(OAuthFlow.ClientCredentials), account), CancellationToken.None);

        result.Failure.ShouldBe(new OAuthFailure("Acme ID did not answer (the connection failed); try later.", null, OAuthFailureKind.TryLater));
    }

    [Fact]
    public async Task AnEndpointOnAnInternalAddress_IsRefusedByTheOutboundPolicy_BlamingItsField()
    {
        using var harness = new OAuthHarness(allowed: "127.0.0.1:1");
        var declaration = OAuthHarness.Declaration(OAuthFlow.ClientCredentials) with { Hosts = [] };
        var account = new JsonObject { ["loginUrl"] = "https://127.0.0.2:8443", ["clientId"] = "id", ["clientSecret"] = "secret" };

        var result = await harness.Client.ObtainAsync(harness.Context(declaration, account), CancellationToken.None);

        result.Failure!.Field.ShouldBe("loginUrl");
        result.Failure.Kind.ShouldBe(OAuthFailureKind.Invalid);
        result.Failure.Message.ShouldStartWith("Flows refused to connect: 127.0.0.2 is a loopback address.");
    }

    [Fact]
    public async Task AFieldNamingAHostThatDoesNotExist_IsInvalid_BlamingThatField()
    {
        using var harness = new OAuthHarness();
        var declaration = OAuthHarness.Declaration(OAuthFlow.ClientCredentials) with { Hosts = [] };
        var account = new JsonObject { ["loginUrl"] = "https://nosuchhost.invalid", ["clientId"] = "id", ["clientSecret"] = "secret" };

        var result = await harness.Client.ObtainAsync(harness.Context(declaration, account), CancellationToken.None);

        result.Failure.ShouldBe(new OAuthFailure("There is no host named 'nosuchhost.invalid'; check the address.", "loginUrl", OAuthFailureKind.Invalid));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
