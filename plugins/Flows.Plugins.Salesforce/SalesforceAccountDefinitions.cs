using System.Composition;
using Flows.Contracts;

namespace Flows.Plugins.Salesforce;

/// <summary>The "Salesforce.com account" type: username, password, security token, login URL, sandbox (SOAP login(), retiring in Summer '27).</summary>
[Export(typeof(IAccountDefinition))]
public sealed class StandardAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "salesforce.standard";

    public string Id => AccountTypeId;

    public string Title => "Salesforce.com account";

    public string Description =>
        "Log in with your Salesforce.com username, password and security token. Salesforce retires this way of logging in (SOAP login()) in June 2027 (Summer '27): use the Salesforce.com OAuth account instead.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(StandardAccountDefinition).Assembly, "schemas/salesforce.standard.schema.json");
}

/// <summary>The "Salesforce.com dynamic account" type: access token and instance URL.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class DynamicAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "salesforce.dynamic";

    public string Id => AccountTypeId;

    public string Title => "Salesforce.com dynamic account";

    public string Description => "Connect with the access token and instance URL of an existing Salesforce session.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(DynamicAccountDefinition).Assembly, "schemas/salesforce.dynamic.schema.json");
}

/// <summary>The "Salesforce.com OAuth account" type: signed in in the browser (authorization code with PKCE).</summary>
[Export(typeof(IAccountDefinition))]
public sealed class OAuthAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "salesforce.oauth";

    public string Id => AccountTypeId;

    public string Title => "Salesforce.com OAuth account";

    public string Description =>
        "Sign in to Salesforce in the browser through your org's External Client App (or connected app). Flows keeps the account signed in; your password is never stored.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(OAuthAccountDefinition).Assembly, "schemas/salesforce.oauth.schema.json");
}

/// <summary>The "Salesforce.com JWT bearer account" type: a user signed in with the app's private key, no browser.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class JwtBearerAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "salesforce.jwt";

    public string Id => AccountTypeId;

    public string Title => "Salesforce.com JWT bearer account";

    public string Description =>
        "Server to server, without a browser: Flows signs in as a user with your app's consumer key and the private key whose certificate is uploaded to the app.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(JwtBearerAccountDefinition).Assembly, "schemas/salesforce.jwt.schema.json");
}

/// <summary>The "Salesforce.com client credentials account" type: the app's key and secret on the org's My Domain, no browser.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class ClientCredentialsAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "salesforce.client-credentials";

    public string Id => AccountTypeId;

    public string Title => "Salesforce.com client credentials account";

    public string Description =>
        "Server to server, without a browser: Flows signs in with your app's consumer key and secret, as the Run As user the app names.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(ClientCredentialsAccountDefinition).Assembly, "schemas/salesforce.client-credentials.schema.json");
}
