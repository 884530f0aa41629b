using System.Text.RegularExpressions;

namespace Flows.Testing.SalesforceStandIn.Rest;

/// <summary>
/// The one SOQL query the stand-in answers: SELECT over Organization fields it knows, keywords and
/// field names case-insensitive, as in SOQL.
/// </summary>
internal static partial class OrganizationQuery
{
    public static readonly IReadOnlyList<string> KnownFields = ["Id", "Name", "IsSandbox", "InstanceName"];

    /// <summary>The requested fields in canonical spelling and in the order asked; null for any other query.</summary>
    public static IReadOnlyList<string>? Parse(string? soql)
    {
        var match = soql is null ? null : Shape().Match(soql);
        if (match is not { Success: true })
        {
            return null;
        }

        var fields = new List<string>();
        foreach (var raw in match.Groups["fields"].Value.Split(','))
        {
            var field = KnownFields.FirstOrDefault(f => string.Equals(f, raw.Trim(), StringComparison.OrdinalIgnoreCase));
            if (field is null || fields.Contains(field))
            {
                return null;
            }

            fields.Add(field);
        }

        return fields;
    }

    [GeneratedRegex(@"^\s*SELECT\s+(?<fields>[^\s,]+(\s*,\s*[^\s,]+)*)\s+FROM\s+Organization\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
