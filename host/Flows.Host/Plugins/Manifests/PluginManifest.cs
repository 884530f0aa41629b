using Semver;

namespace Flows.Host.Plugins.Manifests;

/// <summary>A plugin.json that passed its schema, with typed versions and canonical paths.</summary>
public sealed record PluginManifest(
    string Id,
    string DisplayName,
    SemVersion Version,
    string Publisher,
    string Description,
    SemVersionRange EngineRange,
    string EngineRangeText,
    string MainPath,
    IReadOnlyList<AccountContribution> Accounts);

/// <summary>An account type declared in <c>contributes.accounts</c>.</summary>
/// <param name="SchemaPath">Canonical absolute path of the schema file, inside the plugin folder.</param>
/// <param name="OAuth">How its tokens are obtained, when the account type signs in with OAuth.</param>
public sealed record AccountContribution(string Id, string Title, string Description, string SchemaPath, OAuthDeclaration? OAuth = null)
{
    /// <summary>Set when the account type is on its way out.</summary>
    public AccountDeprecation? Deprecated { get; init; }
}

/// <summary>An account type on its way out: why, when it stops working, and the type to move accounts to.</summary>
public sealed record AccountDeprecation(string Message, DateOnly? Date, string? ReplacedBy);
