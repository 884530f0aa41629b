namespace Flows.Contracts;

/// <summary>
/// An account type a connector contributes, exported through MEF with
/// <c>[Export(typeof(IAccountDefinition))]</c>. The host shows it as a form built from
/// <see cref="Schema"/> and stores accounts of this type.
/// </summary>
/// <remarks>
/// The manifest (<c>plugin.json</c>) declares the same id, title, description and schema file so
/// that the host can list account types without loading plugin code. At activation the host
/// checks that the exported definition agrees with the manifest; see <see cref="EmbeddedSchema"/>
/// for the usual way of keeping one source of truth for the schema.
/// </remarks>
public interface IAccountDefinition
{
    /// <summary>Globally unique account-type id, e.g. <c>salesforce.standard</c>.</summary>
    string Id { get; }

    /// <summary>Human-readable title, e.g. "Salesforce.com account".</summary>
    string Title { get; }

    /// <summary>One or two sentences shown under the title.</summary>
    string Description { get; }

    /// <summary>The account's JSON Schema (draft 2020-12) as JSON text.</summary>
    string Schema { get; }
}
