using System.Composition;
using Flows.Contracts;

namespace Flows.Plugins.Salesforce;

/// <summary>The "Salesforce.com account" type: username, password, security token, login URL, sandbox.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class StandardAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "salesforce.standard";

    public string Id => AccountTypeId;

    public string Title => "Salesforce.com account";

    public string Description =>
        "Log in with your Salesforce.com username, password and security token. You can get the account information from your IT admin or by logging into your Salesforce account.";

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
