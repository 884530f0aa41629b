using Flows.Host.OAuth.Protocol;
using Flows.Host.Plugins.Manifests;
using Flows.Testing.OAuth;

namespace Flows.Host.Tests.OAuth;

/// <summary>Each grant against the generic provider stand-in, over real HTTP through the plugin's outbound clients.</summary>
public sealed class OAuthGrantTests
{
    [Fact]
    public async Task ExchangeCodeAsync_AfterTheBrowserAllowed_GivesTokens_TheIdentity_AndOnlyNonSecretProperties()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));

        var (result, _, _) = await harness.SignInAsync(context);

        result.Failure.ShouldBeNull();
        var tokens = result.Tokens!;
        tokens.AccessToken.ShouldStartWith("at-");
        tokens.RefreshToken.ShouldStartWith("rt-");
        tokens.TokenType.ShouldBe("Bearer");
        tokens.ExpiresAt!.Value.ShouldBe(DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromMinutes(1));
        tokens.Identity.ShouldBe("ada@example.test");
        tokens.Properties["identity_url"].ShouldBe(provider.IdentityUrl.AbsoluteUri);
        tokens.Properties["scope"].ShouldBe("profile offline_access");
        tokens.Properties.Keys.ShouldNotContain("access_token");
        tokens.Properties.Keys.ShouldNotContain("refresh_token");
        tokens.Properties.Keys.ShouldNotContain("id_token");
        provider.TokenRequests("authorization_code").ShouldBe(1);
    }

    [Fact]
    public async Task ExchangeCodeAsync_SendsTheVerifierAndTheSecretInTheForm()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));

        var (_, request, code) = await harness.SignInAsync(context);

        var form = provider.TokenForms.Single();
        form["grant_type"].ShouldBe("authorization_code");
        form["code"].ShouldBe(code);
        form["code_verifier"].ShouldBe(request.CodeVerifier);
        form["client_id"].ShouldBe(OAuthHarness.ClientId);
        form["client_secret"].ShouldBe(OAuthHarness.ClientSecret);
    }

    [Fact]
    public async Task ExchangeCodeAsync_APublicAppWithoutASecret_SignsInWithPkceAlone()
    {
        await using var provider = await OAuthHarness.StartProviderAsync(s => s.ClientSecret = null);
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider, secret: null));

        var (result, _, _) = await harness.SignInAsync(context);

        result.Succeeded.ShouldBeTrue();
        provider.TokenForms.Single().ShouldNotContainKey("client_secret");
    }

    [Fact]
    public async Task ExchangeCodeAsync_WithTheWrongVerifier_IsRefused_AndTheCodeCannotBeReplayed()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));
        var redirect = new Uri("http://127.0.0.1:5080/oauth/callback");
        var request = harness.Client.BeginAuthorization(context, redirect);
        var code = OAuthHarness.Query(await OAuthHarness.FollowAsync(request.Url))["code"];

        var wrong = await harness.Client.ExchangeCodeAsync(context, code, "x" + request.CodeVerifier[1..], redirect, CancellationToken.None);

        wrong.Failure!.Kind.ShouldBe(OAuthFailureKind.Invalid);
        wrong.Failure.Message.ShouldStartWith("The sign-in could not be completed: Acme ID refused the code");
        (await harness.Client.ExchangeCodeAsync(context, code, request.CodeVerifier, redirect, CancellationToken.None)).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task AuthorizePage_Allow_RedirectsBackWithACode()
    {
        await using var provider = await OAuthHarness.StartProviderAsync(s => s.Authorize = AuthorizeChoice.ShowPage);
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));
        var request = harness.Client.BeginAuthorization(context, new Uri("http://127.0.0.1:5080/oauth/callback"));
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(request.Url);
        page.ShouldContain("Allow");
        using var decision = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["decision"] = "allow",
            ["redirect_uri"] = "http://127.0.0.1:5080/oauth/callback",
            ["code_challenge"] = OAuthHarness.Query(request.Url)["code_challenge"],
            ["state"] = request.State,
        });
        using var back = await browser.PostAsync(new Uri(provider.BaseAddress, "oauth/authorize/decision"), decision);

        OAuthHarness.Query(back.Headers.Location!)["state"].ShouldBe(request.State);
        OAuthHarness.Query(back.Headers.Location!).ShouldContainKey("code");
    }

    [Fact]
    public async Task AuthorizeEndpoint_WhenThePersonDenies_RedirectsBackWithAccessDeniedAndTheState_AndNoCode()
    {
        await using var provider = await OAuthHarness.StartProviderAsync(s => s.Authorize = AuthorizeChoice.Deny);
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));
        var request = harness.Client.BeginAuthorization(context, new Uri("http://127.0.0.1:5080/oauth/callback"));

        var back = OAuthHarness.Query(await OAuthHarness.FollowAsync(request.Url));

        back["error"].ShouldBe("access_denied");
        back["state"].ShouldBe(request.State);
        back.ShouldNotContainKey("code");
        provider.TokenRequests("authorization_code").ShouldBe(0);
    }

    [Fact]
    public async Task RefreshAsync_WithoutRotation_KeepsTheRefreshTokenItHad()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));
        var refreshToken = provider.IssueRefreshToken();

        var result = await harness.Client.RefreshAsync(context, refreshToken, CancellationToken.None);

        result.Tokens!.RefreshToken.ShouldBe(refreshToken);
        result.Tokens.AccessToken.ShouldStartWith("at-");
        provider.TokenRequests("refresh_token").ShouldBe(1);
        provider.TokenForms.Single()["client_secret"].ShouldBe(OAuthHarness.ClientSecret);
    }

    [Fact]
    public async Task RefreshAsync_WithRotation_TakesTheNewRefreshToken_TheOldOneNoLongerWorks()
    {
        await using var provider = await OAuthHarness.StartProviderAsync(s => s.RotateRefreshTokens = true);
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(), OAuthHarness.Account(provider));
        var first = provider.IssueRefreshToken();

        var result = await harness.Client.RefreshAsync(context, first, CancellationToken.None);

        result.Tokens!.RefreshToken.ShouldNotBe(first);
        provider.IsLiveRefreshToken(result.Tokens.RefreshToken!).ShouldBeTrue();
        provider.IsLiveRefreshToken(first).ShouldBeFalse();
        (await harness.Client.RefreshAsync(context, result.Tokens.RefreshToken!, CancellationToken.None)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task ObtainAsync_ClientCredentials_SendsTheClientInTheForm_AndGivesTokensWithoutARefreshToken()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var context = harness.Context(OAuthHarness.Declaration(OAuthFlow.ClientCredentials), OAuthHarness.Account(provider));

        var result = await harness.Client.ObtainAsync(context, CancellationToken.None);

        result.Tokens!.RefreshToken.ShouldBeNull();
        result.Tokens.Identity.ShouldBe("ada@example.test");
        var form = provider.TokenForms.Single();
        form["grant_type"].ShouldBe("client_credentials");
        form["client_id"].ShouldBe(OAuthHarness.ClientId);
        form["client_secret"].ShouldBe(OAuthHarness.ClientSecret);
        form["scope"].ShouldBe("profile offline_access");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ObtainAsync_JwtBearer_SignsAnRs256AssertionTheProviderVerifies_WithTheDeclaredClaims(bool pkcs1)
    {
        var (privatePem, publicPem) = OAuthHarness.NewRsaKey(pkcs1);
        await using var provider = await OAuthHarness.StartProviderAsync(s => s.JwtPublicKeyPem = publicPem);
        using var harness = new OAuthHarness(provider);
        var account = OAuthHarness.Account(provider);
        account["username"] = "ada@example.test";
        account["privateKey"] = privatePem;
        var context = harness.Context(OAuthHarness.Declaration(OAuthFlow.JwtBearer), account);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var result = await harness.Client.ObtainAsync(context, CancellationToken.None);

        result.Failure.ShouldBeNull();
        result.Tokens!.RefreshToken.ShouldBeNull();
        var claims = provider.VerifiedAssertions.Single();
        claims["iss"].ShouldBe(OAuthHarness.ClientId);
        claims["sub"].ShouldBe("ada@example.test");
        claims["aud"].ShouldBe(provider.Origin);
        ((long)claims["exp"]!).ShouldBeInRange(before + 170, before + 190);
        var form = provider.TokenForms.Single();
        form["grant_type"].ShouldBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
        form.ShouldNotContainKey("client_secret");
    }

    [Fact]
    public async Task ObtainAsync_JwtBearer_TheFirstMatchingAudienceRule_GivesTheAudience()
    {
        var (privatePem, publicPem) = OAuthHarness.NewRsaKey();
        await using var provider = await OAuthHarness.StartProviderAsync(s => { s.JwtPublicKeyPem = publicPem; s.JwtAudience = "https://test.acme-id.example"; });
        using var harness = new OAuthHarness(provider);
        var declaration = OAuthHarness.Declaration(OAuthFlow.JwtBearer);
        declaration = declaration with
        {
            Jwt = declaration.Jwt! with
            {
                Audience = "https://login.acme-id.example",
                AudienceWhen =
                [
                    new OAuthAudienceRule { Field = "sandbox", EqualsValue = System.Text.Json.JsonDocument.Parse("true").RootElement, Audience = "https://test.acme-id.example" },
                    new OAuthAudienceRule { Field = "sandbox", EqualsValue = System.Text.Json.JsonDocument.Parse("true").RootElement, Audience = "https://second.acme-id.example" },
                ],
            },
        };
        var account = OAuthHarness.Account(provider);
        account["username"] = "ada@example.test";
        account["privateKey"] = privatePem;
        account["sandbox"] = true;

        var result = await harness.Client.ObtainAsync(harness.Context(declaration, account), CancellationToken.None);

        result.Failure.ShouldBeNull();
        provider.VerifiedAssertions.Single()["aud"].ShouldBe("https://test.acme-id.example");
    }

    [Fact]
    public async Task ObtainAsync_JwtBearer_SignedWithAnotherKey_IsRefused_BlamingTheSubject()
    {
        var (_, publicPem) = OAuthHarness.NewRsaKey();
        var (otherPrivatePem, _) = OAuthHarness.NewRsaKey();
        await using var provider = await OAuthHarness.StartProviderAsync(s => s.JwtPublicKeyPem = publicPem);
        using var harness = new OAuthHarness(provider);
        var account = OAuthHarness.Account(provider);
        account["username"] = "ada@example.test";
        account["privateKey"] = otherPrivatePem;

        var result = await harness.Client.ObtainAsync(harness.Context(OAuthHarness.Declaration(OAuthFlow.JwtBearer), account), CancellationToken.None);

        result.Failure!.Kind.ShouldBe(OAuthFailureKind.Invalid);
        result.Failure.Field.ShouldBe("username");
        result.Failure.Message.ShouldContain("invalid assertion");
        provider.VerifiedAssertions.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("not a key at all", "The private key must be PEM")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAAbroken\n-----END PRIVATE KEY-----", "The private key could not be read")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "That is a certificate")]
    [InlineData("", "Paste the private key")]
    public void Resolve_JwtBearer_AnUnusablePrivateKey_IsAProblem_BlamingTheKeyField_WithoutQuotingIt(string key, string message)
    {
        using var harness = new OAuthHarness(allowed: "127.0.0.1:9");
        var account = new JsonObject { ["loginUrl"] = "http://127.0.0.1:9", ["clientId"] = "id", ["username"] = "ada", ["privateKey"] = key };

        var problem = harness.Client.Resolve(OAuthHarness.PluginId, OAuthHarness.Declaration(OAuthFlow.JwtBearer), account).Failure!;

        problem.Field.ShouldBe("privateKey");
        problem.Message.ShouldStartWith(message);
        foreach (var line in key.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            problem.Message.ShouldNotContain(line);
        }
    }

    [Fact]
    public void Resolve_JwtBearer_AnEncryptedPrivateKey_IsAProblem_SayingToRemoveThePassphrase()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var encrypted = rsa.ExportEncryptedPkcs8PrivateKeyPem("pass", new System.Security.Cryptography.PbeParameters(
            System.Security.Cryptography.PbeEncryptionAlgorithm.Aes256Cbc, System.Security.Cryptography.HashAlgorithmName.SHA256, 1000));
        using var harness = new OAuthHarness(allowed: "127.0.0.1:9");
        var account = new JsonObject { ["loginUrl"] = "http://127.0.0.1:9", ["clientId"] = "id", ["username"] = "ada", ["privateKey"] = encrypted };

        var problem = harness.Client.Resolve(OAuthHarness.PluginId, OAuthHarness.Declaration(OAuthFlow.JwtBearer), account).Failure!;

        problem.ShouldBe(new OAuthFailure("The private key is encrypted with a passphrase; paste the key without one (openssl pkey -in key.pem -out plain.pem).", "privateKey", OAuthFailureKind.Invalid));
    }

    [Fact]
    public async Task Identity_WithoutAnIdentityUrl_ComesFromTheTokenAnswersClaims()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var declaration = OAuthHarness.Declaration(OAuthFlow.ClientCredentials) with { IdentityUrl = null, IdentityClaims = ["nickname", "username"] };

        var result = await harness.Client.ObtainAsync(harness.Context(declaration, OAuthHarness.Account(provider)), CancellationToken.None);

        result.Tokens!.Identity.ShouldBe("ada@example.test");
    }

    [Fact]
    public async Task Identity_AFixedIdentityUrl_IsReadWithTheAccessToken()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var declaration = OAuthHarness.Declaration(OAuthFlow.ClientCredentials) with { IdentityUrl = "{loginUrl}/api/me", IdentityClaims = ["name"] };

        var result = await harness.Client.ObtainAsync(harness.Context(declaration, OAuthHarness.Account(provider)), CancellationToken.None);

        result.Tokens!.Identity.ShouldBe("Ada Lovelace");
    }

    [Fact]
    public async Task Identity_ThatCannotBeRead_DoesNotFailTheSignIn()
    {
        await using var provider = await OAuthHarness.StartProviderAsync();
        using var harness = new OAuthHarness(provider);
        var declaration = OAuthHarness.Declaration(OAuthFlow.ClientCredentials) with { IdentityUrl = "{loginUrl}/api/nobody" };

        var result = await harness.Client.ObtainAsync(harness.Context(declaration, OAuthHarness.Account(provider)), CancellationToken.None);

        result.Succeeded.ShouldBeTrue();
        result.Tokens.Identity.ShouldBeNull();
        harness.Log.Entries.ShouldContain(e => e.Message.Contains("could not be read", StringComparison.Ordinal));
    }
}
