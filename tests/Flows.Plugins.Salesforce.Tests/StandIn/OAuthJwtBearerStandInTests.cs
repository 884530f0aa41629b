using System.Security.Cryptography.X509Certificates;
using System.Net;

namespace Flows.Plugins.Salesforce.Tests.StandIn;

/// <summary>The stand-in's JWT bearer grant: signature against the app's certificate, aud, exp, sub and pre-authorisation.</summary>
[Collection(StandInTests.Name)]
public sealed class OAuthJwtBearerStandInTests(StandInFixture fixture) : IDisposable
{
    private const string Production = "https://login.salesforce.com";
    private const string Sandbox = "https://test.salesforce.com";

    private readonly OAuthStandInClient _client = new(fixture.StandIn);

    public void Dispose() => _client.Dispose();

    private static string Assertion(string subject, string audience = Production, TimeSpan? expiresIn = null, string issuer = StandInAccounts.JwtAppConsumerKey) =>
        OAuthStandInClient.Assertion(StandInKeys.Default.PrivateKeyPem, issuer, subject, audience, expiresIn);

    [Fact]
    public async Task Jwt_SignedWithTheRegisteredKey_GivesAWorkingAccessTokenAndNoRefreshToken()
    {
        var answer = await _client.JwtAsync(Assertion(StandInAccounts.AliceUsername));

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        answer.Json.ContainsKey("refresh_token").ShouldBeFalse();
        answer["scope"].ShouldBe("api");
        (await _client.GetWithTokenAsync($"services/data/v{StandInAccounts.ApiVersion}/", answer.AccessToken)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Jwt_SandboxUserWithTheSandboxAudience_GetsAToken()
    {
        var answer = await _client.JwtAsync(Assertion(StandInAccounts.SamUsername, Sandbox));

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        answer["id"].ShouldEndWith($"/id/{StandInAccounts.AcmeSandboxOrgId}/{StandInAccounts.SamUserId}");
    }

    [Fact]
    public async Task Jwt_SignedWithAnotherKey_IsInvalidAssertion()
    {
        var stranger = StandInKeys.CreateRsa();

        var answer = await _client.JwtAsync(OAuthStandInClient.Assertion(stranger.PrivateKeyPem, StandInAccounts.JwtAppConsumerKey, StandInAccounts.AliceUsername));

        answer.ShouldBeInvalidGrant("invalid assertion");
    }

    [Theory]
    [InlineData(StandInAccounts.AliceUsername, Sandbox)]
    [InlineData(StandInAccounts.SamUsername, Production)]
    [InlineData(StandInAccounts.AliceUsername, "https://acme.my.salesforce.com")]
    [InlineData(StandInAccounts.AliceUsername, "http://127.0.0.1")]
    public async Task Jwt_AudienceOtherThanTheUsersLoginHost_IsAudienceIsInvalid(string username, string audience)
    {
        var answer = await _client.JwtAsync(Assertion(username, audience));

        answer.ShouldBeInvalidGrant("audience is invalid");
    }

    [Fact]
    public async Task Jwt_PastItsExp_IsRefusedAsExpired()
    {
        var answer = await _client.JwtAsync(Assertion(StandInAccounts.AliceUsername, expiresIn: TimeSpan.FromSeconds(-10)));

        answer.ShouldBeInvalidGrant("expired authorization code");
    }

    [Fact]
    public async Task Jwt_ExpiringTooFarAhead_IsInvalidAssertion()
    {
        var answer = await _client.JwtAsync(Assertion(StandInAccounts.AliceUsername, expiresIn: TimeSpan.FromHours(1)));

        answer.ShouldBeInvalidGrant("invalid assertion");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")]
    public async Task Jwt_MalformedOrNotRs256_IsInvalidAssertion(string assertion)
    {
        var answer = await _client.JwtAsync(assertion);

        answer.ShouldBeInvalidGrant("invalid assertion");
    }

    [Fact]
    public async Task Jwt_UnknownIssuer_IsInvalidClientId()
    {
        var answer = await _client.JwtAsync(Assertion(StandInAccounts.AliceUsername, issuer: "3MVG9NoSuchApp"));

        answer.ShouldBeError(HttpStatusCode.BadRequest, "invalid_client_id", "client identifier invalid");
    }

    [Theory]
    [InlineData(StandInAccounts.LimitedUsername)]
    [InlineData("nobody@acme.example")]
    public async Task Jwt_UserTheAppIsNotPreAuthorisedFor_IsUserHasNotApproved(string username)
    {
        var answer = await _client.JwtAsync(Assertion(username));

        answer.ShouldBeInvalidGrant("user hasn't approved this consumer");
    }

    [Fact]
    public async Task Jwt_UserWhoAllowedTheAppOnTheAuthorizePage_CountsAsApproved()
    {
        var key = StandInKeys.CreateRsa();
        var app = new StandInConnectedApp
        {
            ConsumerKey = "3MVG9Test.JwtAfterSignIn",
            CallbackUrls = [StandInAccounts.WebCallbackUrl],
            CertificatePem = key.CertificatePem,
        };
        await using var standIn = await SalesforceStandIn.StartAsync(StandInScenario.Default with { ConnectedApps = [app] });
        using var client = new OAuthStandInClient(standIn);
        var assertion = OAuthStandInClient.Assertion(key.PrivateKeyPem, app.ConsumerKey, StandInAccounts.AliceUsername);

        var before = await client.JwtAsync(assertion);
        await client.AuthorizeAsync(app.ConsumerKey, OAuthStandInClient.NewPkce().Challenge, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);
        var after = await client.JwtAsync(assertion);

        before.ShouldBeInvalidGrant("user hasn't approved this consumer");
        after.Status.ShouldBe(HttpStatusCode.OK, after.Body);
    }

    [Fact]
    public async Task Jwt_AppRegisteredWithABarePublicKeyOrAnX509Certificate_VerifiesTheSignature()
    {
        var key = StandInKeys.CreateRsa();
        using var certificate = X509Certificate2.CreateFromPem(key.CertificatePem);
        using var rsa = certificate.GetRSAPublicKey()!;
        StandInConnectedApp[] apps =
        [
            new() { ConsumerKey = "3MVG9Test.PublicKey", CertificatePem = rsa.ExportSubjectPublicKeyInfoPem(), PreAuthorizedUsernames = [StandInAccounts.AliceUsername] },
            new() { ConsumerKey = "3MVG9Test.Certificate", CertificatePem = StandInKeys.Pem(certificate), PreAuthorizedUsernames = [StandInAccounts.AliceUsername] },
        ];
        await using var standIn = await SalesforceStandIn.StartAsync(StandInScenario.Default with { ConnectedApps = apps });
        using var client = new OAuthStandInClient(standIn);

        foreach (var app in apps)
        {
            var answer = await client.JwtAsync(OAuthStandInClient.Assertion(key.PrivateKeyPem, app.ConsumerKey, StandInAccounts.AliceUsername));
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        }
    }
}
