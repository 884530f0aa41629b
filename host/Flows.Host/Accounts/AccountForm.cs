using Flows.Forms;

namespace Flows.Host.Accounts;

/// <summary>
/// The form for one account type: the host's own Label field first (every account has one, and
/// connectors do not declare it), then the connector schema's fields.
/// </summary>
public sealed record AccountForm(string AccountTypeTitle, FormField Label, FormSchema Schema)
{
    /// <summary>Everything the form asks, in order.</summary>
    public IReadOnlyList<FormField> Fields => [Label, .. Schema.Model.Fields];

    public static AccountForm For(string accountTypeTitle, FormSchema schema, string? labelExample = null) =>
        new(accountTypeTitle, LabelField(accountTypeTitle, labelExample), schema);

    private static FormField LabelField(string accountTypeTitle, string? example) => new()
    {
        Name = FormPath.Label,
        Path = FormPath.Label,
        InstancePath = string.Empty,
        Kind = FieldKind.Text,
        Title = "Label",
        Help = $"Enter a unique name to help identify your {accountTypeTitle} in Flows." + (example is null ? string.Empty : $" For example, {example}."),
        Required = true,
        Placeholder = example,
        MaxLength = 100,
    };
}
