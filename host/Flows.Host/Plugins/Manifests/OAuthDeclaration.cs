using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flows.Host.Plugins.Manifests;

/// <summary>How an account type's tokens are obtained: the <c>oauth</c> block of its <c>contributes.accounts</c> entry.</summary>
public sealed record OAuthDeclaration
{
    /// <summary>The provider's name on the sign-in button, e.g. "Salesforce".</summary>
    public required string Provider { get; init; }

    public required OAuthFlow Flow { get; init; }

    /// <summary>Endpoint templates (see <c>schemas/plugin-manifest.schema.json</c>, <c>endpointUrl</c>).</summary>
    public string? AuthorizationUrl { get; init; }

    public required string TokenUrl { get; init; }

    public string? RevocationUrl { get; init; }

    public string? IdentityUrl { get; init; }

    public IReadOnlyList<string> IdentityClaims { get; init; } = [];

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public OAuthClientDeclaration Client { get; init; } = new();

    public OAuthJwtDeclaration? Jwt { get; init; }

    /// <summary>Hosts the endpoints may be on: DNS names, or <c>*.suffix</c> matched on whole labels.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    public IReadOnlyList<OAuthValidatorInput> ValidatorReceives { get; init; } = [];

    public IReadOnlyList<OAuthErrorDeclaration> Errors { get; init; } = [];

    /// <summary>Reads the <c>oauth</c> element of a manifest that already passed the manifest schema.</summary>
    public static OAuthDeclaration Read(JsonElement element) => OAuthDeclarationReader.Read(element);
}

/// <summary>The OAuth grant an account type signs in with.</summary>
public enum OAuthFlow
{
    /// <summary>A person signs in in the browser (PKCE, S256); a refresh token keeps the account working.</summary>
    AuthorizationCode,

    /// <summary>The host signs an RS256 JWT with the account's private key; no browser, no refresh token.</summary>
    JwtBearer,

    /// <summary>The client id and secret alone; no browser, no refresh token.</summary>
    ClientCredentials,
}

/// <summary>What a validator receives beyond the access token, when its account type declares it.</summary>
public enum OAuthValidatorInput
{
    RefreshToken,
    ClientSecret,
}

/// <summary>Where the client id and secret come from: the operator's configuration (by <see cref="ConfigKey"/>) first, then the account's fields.</summary>
public sealed record OAuthClientDeclaration
{
    public string? ConfigKey { get; init; }

    public string? IdField { get; init; }

    public string? SecretField { get; init; }
}

/// <summary>The JWT bearer assertion's fields.</summary>
public sealed record OAuthJwtDeclaration
{
    public required string SubjectField { get; init; }

    public required string PrivateKeyField { get; init; }

    public required string Audience { get; init; }

    public IReadOnlyList<OAuthAudienceRule> AudienceWhen { get; init; } = [];

    public int LifetimeSeconds { get; init; } = 180;
}

/// <summary>Another audience when <see cref="Field"/> holds <see cref="EqualsValue"/>.</summary>
public sealed record OAuthAudienceRule
{
    public required string Field { get; init; }

    [JsonPropertyName("equals")]
    public required JsonElement EqualsValue { get; init; }

    public required string Audience { get; init; }
}

/// <summary>A provider's token-endpoint error in words, matched on <c>error</c> and words of <c>error_description</c>.</summary>
public sealed record OAuthErrorDeclaration
{
    public required string Error { get; init; }

    public string? Description { get; init; }

    public required string Message { get; init; }

    public string? Field { get; init; }

    public bool Retry { get; init; }
}
