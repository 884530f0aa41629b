using Flows.Host.OAuth.Protocol;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Tests.OAuth;

/// <summary>No token, code, verifier, assertion, client secret or private key in any message or log line, whatever happens.</summary>
public sealed class OAuthSecretTests
{
    [Fact]
    public async Task EveryMessageAndLogLine_OfSignInsRefreshesFailuresAndRevocations_IsFreeOfSecrets()
    {
        var (privatePem, publicPem) = OAuthHarness.NewRsaKey();
        await using var provider = await OAuthHarness.StartProviderAsync(s => s.JwtPublicKeyPem = publicPem);
        using var harness = new OAuthHarness(provider, timeout: TimeSpan.FromSeconds(1));
        var canary = new SecretCanary();
        var secrets = new List<string> { OAuthHarness.ClientSecret };
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));

        var (signIn, request, code) = await harness.SignInAsync(context);
        secrets.AddRange([request.CodeVerifier, code, signIn.Tokens!.AccessToken!, signIn.Tokens.RefreshToken!]);
        Record(canary, signIn);

        // Providers that echo what they were sent: the description must not be quoted then, the body never.
        provider.ScriptTokenError("invalid_grant", $"bad refresh token {signIn.Tokens.RefreshToken}");
        Record(canary, await harness.Client.RefreshAsync(context, signIn.Tokens.RefreshToken!, CancellationToken.None));
        provider.ScriptTokenError("invalid_client", $"client_secret={OAuthHarness.ClientSecret} is wrong", 401);
        Record(canary, await harness.Client.RefreshAsync(context, signIn.Tokens.RefreshToken!, CancellationToken.None));
        provider.ScriptTokenAnswer(500, $"<html>{OAuthHarness.ClientSecret} {signIn.Tokens.RefreshToken}</html>", "text/html");
        Record(canary, await harness.Client.RefreshAsync(context, signIn.Tokens.RefreshToken!, CancellationToken.None));
        provider.ScriptTokenAnswer(400, $"{{\"detail\":\"{OAuthHarness.ClientSecret}\"}}");
        Record(canary, await harness.Client.RefreshAsync(context, signIn.Tokens.RefreshToken!, CancellationToken.None));
        var refreshed = await harness.Client.RefreshAsync(context, signIn.Tokens.RefreshToken!, CancellationToken.None);
        secrets.Add(refreshed.Tokens!.AccessToken!);
        Record(canary, refreshed);

        var account = OAuthHarness.Account(provider);
        account["username"] = "ada@example.test";
        account["privateKey"] = privatePem;
        var jwt = harness.Context(OAuthHarness.Declaration(OAuthFlow.JwtBearer), account);
        var obtained = await harness.Client.ObtainAsync(jwt, CancellationToken.None);
        secrets.Add(obtained.Tokens!.AccessToken!);
        Record(canary, obtained);
        provider.ScriptTokenError("invalid_grant", "invalid assertion");
        Record(canary, await harness.Client.ObtainAsync(jwt, CancellationToken.None));
        provider.Settings.TokenDelay = TimeSpan.FromSeconds(5);
        Record(canary, await harness.Client.ObtainAsync(jwt, CancellationToken.None));
        provider.Settings.TokenDelay = TimeSpan.Zero;

        var revocation = await harness.Client.RevokeAsync(context, signIn.Tokens.RefreshToken!, CancellationToken.None);
        canary.Add([revocation.Reason ?? string.Empty]);
        canary.Add(harness.LogLines);

        canary.Seen.Count.ShouldBeGreaterThan(10);
        canary.ShouldNotContainAny([.. secrets, .. privatePem.Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal)).Take(3)]);
        canary.ShouldNotContainAny(provider.TokenForms.Where(f => f.ContainsKey("assertion")).Select(f => f["assertion"]).ToArray());
    }

    private static void Record(SecretCanary canary, OAuthTokenResult result) =>
        canary.Add(result.Failure is { } failure ? [failure.Message] : [result.Tokens!.Identity ?? string.Empty, .. result.Tokens.Properties.Values]);
}
