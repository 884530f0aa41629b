using Flows.Host.Plugins.Manifests;

namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// One account's OAuth settings resolved against its type's declaration: the client, the endpoints
/// (checked against the declaration's hosts and the operator's allow-lists) and, for the JWT bearer
/// flow, the assertion's inputs. Holds secrets: never shown, logged or serialized.
/// </summary>
public sealed class OAuthContext
{
    public required string PluginId { get; init; }

    public required OAuthDeclaration Declaration { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The client secret, when the app has one (the operator's or the account's).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Whether the client came from the operator's configuration rather than the account's fields.</summary>
    public bool ClientFromConfiguration { get; init; }

    public Uri? AuthorizationEndpoint { get; init; }

    public required Uri TokenEndpoint { get; init; }

    public Uri? RevocationEndpoint { get; init; }

    /// <summary>The identity URL template; <c>{token.NAME}</c> parts are filled from each token answer.</summary>
    public string? IdentityEndpoint { get; init; }

    /// <summary>The JWT bearer assertion's inputs (jwtBearer only).</summary>
    public OAuthJwtInputs? Jwt { get; init; }

    /// <summary>The account field each endpoint was built from, to blame when it cannot be reached.</summary>
    internal IReadOnlyDictionary<Uri, string> EndpointFields { get; init; } = new Dictionary<Uri, string>();

    /// <summary>The account's values as given, for templates resolved later (the identity URL).</summary>
    internal IReadOnlyDictionary<string, string> FieldValues { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    internal string? FieldOf(Uri endpoint) => EndpointFields.TryGetValue(endpoint, out var field) ? field : null;
}

/// <summary>What a JWT bearer assertion is made of; the private key is a secret.</summary>
public sealed class OAuthJwtInputs
{
    public required string Subject { get; init; }

    public required string Audience { get; init; }

    public required TimeSpan Lifetime { get; init; }

    internal string PrivateKeyPem { get; init; } = string.Empty;
}
