using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Plugins;

/// <summary>An account type offered by an Active plugin, known from its manifest alone.</summary>
/// <param name="OAuth">How its tokens are obtained, when it signs in with OAuth.</param>
public sealed record AccountTypeInfo(string Id, string Title, string Description, string SchemaPath, PluginInfo Plugin, OAuthDeclaration? OAuth = null)
{
    /// <summary>Set when the account type is on its way out.</summary>
    public AccountDeprecation? Deprecated { get; init; }
}
