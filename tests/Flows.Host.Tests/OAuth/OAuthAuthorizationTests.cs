using Flows.Host.OAuth.Protocol;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Tests.OAuth;

/// <summary>The authorization URL of the code flow: PKCE (S256), state, scopes and the declaration's parameters.</summary>
public sealed class OAuthAuthorizationTests
{
    private static readonly Uri Redirect = new("http://127.0.0.1:5080/oauth/callback");

    private static OAuthContext Context(OAuthHarness harness) => harness.Context(
        OAuthHarness.Declaration(hosts: ["*.acme-id.example"]),
        new JsonObject { ["loginUrl"] = "https://login.acme-id.example", ["clientId"] = OAuthHarness.ClientId });

    [Fact]
    public void Challenge_OfTheRfc7636AppendixBVerifier_IsItsS256Value() =>
        OAuthPkce.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").ShouldBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

    [Fact]
    public void BeginAuthorization_SendsTheS256ChallengeOfItsVerifier_AndItsState()
    {
        using var harness = new OAuthHarness();

        var request = harness.Client.BeginAuthorization(Context(harness), Redirect);

        var query = OAuthHarness.Query(request.Url);
        request.Url.GetLeftPart(UriPartial.Path).ShouldBe("https://login.acme-id.example/oauth/authorize");
        query["response_type"].ShouldBe("code");
        query["client_id"].ShouldBe(OAuthHarness.ClientId);
        query["redirect_uri"].ShouldBe(Redirect.AbsoluteUri);
        query["code_challenge_method"].ShouldBe("S256");
        query["code_challenge"].ShouldBe(OAuthPkce.Challenge(request.CodeVerifier));
        query["state"].ShouldBe(request.State);
        query["scope"].ShouldBe("profile offline_access");
        query["prompt"].ShouldBe("login consent");
        query.ShouldNotContainKey("code_verifier");
    }

    [Fact]
    public void BeginAuthorization_VerifierAndState_AreLongUrlSafeAndNeverRepeat()
    {
        using var harness = new OAuthHarness();
        var context = Context(harness);

        var requests = Enumerable.Range(0, 50).Select(_ => harness.Client.BeginAuthorization(context, Redirect)).ToList();

        foreach (var request in requests)
        {
            request.CodeVerifier.Length.ShouldBeInRange(43, 128);
            request.CodeVerifier.ShouldMatch("^[A-Za-z0-9._~-]+$");
            // 128 bits or more: 22 base64url characters carry 132.
            request.State.Length.ShouldBeGreaterThanOrEqualTo(22);
            request.State.ShouldMatch("^[A-Za-z0-9_-]+$");
        }

        requests.Select(r => r.State).Distinct().Count().ShouldBe(50);
        requests.Select(r => r.CodeVerifier).Distinct().Count().ShouldBe(50);
    }

    [Fact]
    public void BeginAuthorization_ADeclaredParameter_NeverReplacesWhatTheProtocolSends()
    {
        using var harness = new OAuthHarness();
        var declaration = OAuthHarness.Declaration() with { Parameters = new Dictionary<string, string> { ["redirect_uri"] = "https://evil.example/", ["code_challenge_method"] = "plain" } };
        var context = harness.Context(declaration, new JsonObject { ["loginUrl"] = "https://login.acme-id.example", ["clientId"] = "id" });

        var request = harness.Client.BeginAuthorization(context, Redirect);

        request.Url.Query.ShouldNotContain("evil.example");
        OAuthHarness.Query(request.Url)["code_challenge_method"].ShouldBe("S256");
    }
}
