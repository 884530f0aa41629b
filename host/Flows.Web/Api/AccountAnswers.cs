using Flows.Contracts;
using Flows.Host.Accounts;
using Flows.Web.Api.Shapes;

namespace Flows.Web.Api;

/// <summary>An account as the API shows it: non-secret values, and each secret only as set or not.</summary>
internal static class AccountAnswers
{
    public static AccountResponse From(Account account, AccountForms forms, AccountValidationResult? verdict = null) => new(
        account.Id,
        account.Version,
        account.AccountTypeId,
        account.PluginId,
        account.PluginVersion,
        account.Label,
        AccountStatusResponse.From(account.Status),
        account.CreatedAt,
        account.UpdatedAt,
        account.SecretsProblem,
        (System.Text.Json.Nodes.JsonObject)account.NonSecretValues.DeepClone(),
        SecretFlags(account, forms),
        verdict is null ? null : VerdictResponse.From(verdict),
        AccountSignInResponse.From(account.SignIn));

    /// <summary>
    /// Every stored secret (true) and every secret field of the form that has none (false), by JSON
    /// Pointer. Secrets in list rows appear once per stored row.
    /// </summary>
    private static SortedDictionary<string, bool> SecretFlags(Account account, AccountForms forms)
    {
        var flags = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        if (forms.Get(account.AccountTypeId).Form is { } form)
        {
            foreach (var pointer in AccountSchemaHash.SecretPointers(form.Schema.Model).Where(p => !p.Split('/').Contains("-")))
            {
                flags[pointer] = false;
            }
        }

        foreach (var pointer in account.SecretPointers)
        {
            flags[pointer] = true;
        }

        return flags;
    }
}
