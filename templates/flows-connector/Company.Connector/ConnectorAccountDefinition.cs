using System.Composition;
using Flows.Contracts;

namespace Company.Connector;

/// <summary>
/// The account type this connector contributes. Id, title and description must equal the ones in
/// plugin.json: the host lists account types from the manifest alone and checks the two agree
/// when it loads the plugin.
/// </summary>
[Export(typeof(IAccountDefinition))]
public sealed class ConnectorAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "flows-template-account-type";

    public string Id => AccountTypeId;

    public string Title => "Flows Template Account Title";

    public string Description => "Flows Template Account Description";

    // Embedded from the same file plugin.json points to, so the schema has one source of truth.
    public string Schema { get; } = EmbeddedSchema.Read(typeof(ConnectorAccountDefinition).Assembly, $"schemas/{AccountTypeId}.schema.json");
}
