using Flows.Host.OAuth.Protocol;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Tests.OAuth;

/// <summary>Revoking tokens at the provider (RFC 7009): best effort, with the reason in words when it did not happen.</summary>
public sealed class OAuthRevocationTests
{
    [Fact]
    public async Task RevokeAsync_ARefreshToken_IsRevokedAtTheProvider_WithTheClientInTheForm()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));
        var refreshToken = provider.IssueRefreshToken();

        var revocation = await harness.Client.RevokeAsync(context, refreshToken, CancellationToken.None);

        revocation.ShouldBe(OAuthRevocation.Done);
        provider.IsRevoked(refreshToken).ShouldBeTrue();
        var form = provider.RevokeForms.Single();
        form["token"].ShouldBe(refreshToken);
        form["client_id"].ShouldBe(OAuthHarness.ClientId);
        (await harness.Client.RefreshAsync(context, refreshToken, CancellationToken.None)).Failure!.Kind.ShouldBe(OAuthFailureKind.SignInAgain);
    }

    [Fact]
    public async Task RevokeAsync_TheRefreshTokenOfASignIn_EndsItsAccessTokensToo()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));
        var (signIn, _, _) = await harness.SignInAsync(context);
        provider.IsLiveAccessToken(signIn.Tokens!.AccessToken!).ShouldBeTrue();

        (await harness.Client.RevokeAsync(context, signIn.Tokens.RefreshToken!, CancellationToken.None)).Revoked.ShouldBeTrue();

        provider.IsLiveAccessToken(signIn.Tokens.AccessToken!).ShouldBeFalse();
        provider.IsLiveRefreshToken(signIn.Tokens.RefreshToken!).ShouldBeFalse();
    }

    [Fact]
    public async Task RevokeAsync_WithoutARevocationEndpoint_IsNotRevoked_SayingWhatToDo()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration() with { RevocationUrl = null }, OAuthHarness.Account(provider));

        var revocation = await harness.Client.RevokeAsync(context, "rt-x", CancellationToken.None);

        revocation.ShouldBe(OAuthRevocation.NotRevoked("Acme ID offers no way to revoke tokens; revoke the app's access at Acme ID if needed."));
    }

    [Fact]
    public async Task RevokeAsync_AProviderThatCannotBeReached_IsNotRevoked_InWords()
    {
        OAuthContext context;
        using var harness = new OAuthHarness(allowed: "127.0.0.1:9");
        context = harness.Context(OAuthHarness.Declaration(OAuthFlow.ClientCredentials), new JsonObject { ["loginUrl"] = "http://127.0.0.1:9", ["clientId"] = "id", ["clientSecret"] = "s" });

        var revocation = await harness.Client.RevokeAsync(context, "rt-x", CancellationToken.None);

        revocation.Revoked.ShouldBeFalse();
        revocation.Reason.ShouldBe("Acme ID could not be reached to revoke the tokens (the connection failed); revoke the app's access at Acme ID if needed.");
    }
}
