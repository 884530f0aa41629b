using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flows.Forms;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Flows.Forms.AspNetCore;

/// <summary>
/// Keeps the secrets typed into a form across the round trips that do not save it (a row added or
/// removed without JavaScript, a refused post), without ever writing them into the page in clear:
/// they travel in one hidden field sealed with the server's data-protection keys, readable only by
/// this server, for an hour, in the same browser, for the same form.
/// </summary>
public sealed class SecretDrafts(IDataProtectionProvider protection, IOptions<AntiforgeryOptions> antiforgery, TimeProvider time)
{
    /// <summary>The hidden field that carries the sealed secrets.</summary>
    public const string Field = "$drafts";

    /// <summary>How long typed secrets are kept between two posts of a form.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    // Not renamed with the assembly: another purpose would void the drafts of forms open during an upgrade.
    private const string Purpose = "Flows.Web.SecretDrafts.v1";

    /// <summary>
    /// Puts back the secrets an earlier post of this form kept, for every secret input posted empty
    /// (and not asked to be cleared).
    /// </summary>
    /// <param name="context">The request; the draft is only readable in the browser that was sent it.</param>
    /// <param name="scope">What the draft belongs to: the form and, when editing, the record.</param>
    /// <param name="model">The form; only its secret fields are put back.</param>
    /// <param name="sealedDraft">The posted value of the hidden field <see cref="Field"/>; null or empty for none.</param>
    /// <param name="values">The values posted.</param>
    /// <returns>The values with the kept secrets in, and a sentence for the user when they could not be put back (too old, or from another form).</returns>
    public (FormValues Values, string? Problem) Restore(HttpContext context, string scope, FormModel model, string? sealedDraft, FormValues values)
    {
        if (string.IsNullOrEmpty(sealedDraft))
        {
            return (values, null);
        }

        Dictionary<string, string>? kept;
        try
        {
            var json = Protector(context, scope).Unprotect(sealedDraft, out _);
            kept = JsonSerializer.Deserialize(json, SecretDraftJson.Default.DictionaryStringString);
        }
        catch (CryptographicException)
        {
            return (values, "The secrets you typed earlier in this form were not kept (the form was open for over an hour, or the server's keys changed): type them again.");
        }
        catch (JsonException)
        {
            return (values, "The secrets you typed earlier in this form were not kept: type them again.");
        }

        var secrets = SecretPaths(model);
        foreach (var (path, secret) in kept ?? [])
        {
            var untouched = string.IsNullOrEmpty(values.Last(path)) && values.Last(FormPath.ClearSecret(path)) is not "true";
            if (untouched && IsSecret(secrets, path))
            {
                values = values.Without(path).Add(path, secret);
            }
        }

        return (values, null);
    }

    /// <summary>The hidden field's value for a form shown again with <paramref name="values"/>: their secrets, sealed; null when there are none.</summary>
    public string? Seal(HttpContext context, string scope, FormModel model, FormValues values) =>
        Typed(model, values) is { Count: > 0 } secrets
            ? Protector(context, scope).Protect(JsonSerializer.Serialize(secrets, SecretDraftJson.Default.DictionaryStringString), time.GetUtcNow().Add(Lifetime))
            : null;

    /// <summary>The post names of the secrets <paramref name="values"/> holds, which the page shows as set.</summary>
    public static IEnumerable<string> Kept(FormModel model, FormValues values) => Typed(model, values).Keys;

    private static Dictionary<string, string> Typed(FormModel model, FormValues values)
    {
        var secrets = SecretPaths(model);
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in values.Names)
        {
            if (IsSecret(secrets, name) && values.Last(name) is { Length: > 0 } value)
            {
                typed[name] = value;
            }
        }

        return typed;
    }

    private static HashSet<string> SecretPaths(FormModel model) =>
        model.AllFields().Where(f => f.Secret).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);

    // A post name is a secret input when, with its row numbers taken out, it is a secret field's path.
    private static bool IsSecret(HashSet<string> secrets, string name) => secrets.Contains(FormPath.Template(name));

    // Sealed for this browser (its antiforgery cookie) and this form, so a draft copied out of one
    // page cannot be replayed into another record, where its secret could be sent to another host.
    private ITimeLimitedDataProtector Protector(HttpContext context, string scope)
    {
        var browser = context.Request.Cookies[antiforgery.Value.Cookie.Name ?? string.Empty] ?? string.Empty;
        var binding = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(browser)));
        return protection.CreateProtector(Purpose, scope, binding).ToTimeLimitedDataProtector();
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SecretDraftJson : System.Text.Json.Serialization.JsonSerializerContext;
