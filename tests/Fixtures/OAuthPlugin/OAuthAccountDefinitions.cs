using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.OAuthPlugin;

/// <summary>An account signed in in the browser (authorization code with PKCE), as the manifest declares.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class CodeAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "fixture.oauth.code";

    public string Id => AccountTypeId;

    public string Title => "OAuth fixture account";

    public string Description => "Sign in to the fixture provider in the browser.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(CodeAccountDefinition).Assembly, "schemas/fixture.oauth.code.schema.json");
}

/// <summary>An account signed in with the client id and secret alone, as the manifest declares.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class ServiceAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "fixture.oauth.service";

    public string Id => AccountTypeId;

    public string Title => "OAuth fixture service account";

    public string Description => "Sign in to the fixture provider with a client id and secret, without a browser.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(ServiceAccountDefinition).Assembly, "schemas/fixture.oauth.service.schema.json");
}
