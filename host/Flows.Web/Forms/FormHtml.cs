using Flows.Forms.AspNetCore;
using Flows.Host.Accounts;
using Flows.Forms;

namespace Flows.Web.Forms;

/// <summary>
/// The form components as HTML text, for callers outside a component tree (benchmarks, tests). Each call renders the
/// component of the same name (<see cref="AccountFormFields"/>, <see cref="DefaultAction"/>, <see cref="FormPreview"/>).
/// </summary>
public static class FormHtml
{
    /// <summary>The form's fields as HTML (no &lt;form&gt; element: the page decides action and buttons).</summary>
    public static string Fields(AccountForm form, FormValues? values = null, FormErrors? errors = null, IReadOnlySet<string>? storedSecrets = null) =>
        ComponentHtml.Render<AccountFormFields>(new Dictionary<string, object?>
        {
            [nameof(AccountFormFields.Form)] = form,
            [nameof(AccountFormFields.Values)] = values,
            [nameof(AccountFormFields.Errors)] = errors,
            [nameof(AccountFormFields.StoredSecrets)] = storedSecrets,
        });

    /// <summary>A standalone preview page of the form (<c>flows forms render --html</c>).</summary>
    public static string PreviewPage(AccountForm form, string css) =>
        ComponentHtml.Render<FormPreview>(new Dictionary<string, object?> { [nameof(FormPreview.Form)] = form, [nameof(FormPreview.Css)] = css });

    /// <summary>The hidden button Enter presses (see <see cref="Forms.DefaultAction"/>).</summary>
    public static string DefaultAction(string? busy = null, bool validate = true) =>
        ComponentHtml.Render<DefaultAction>(new Dictionary<string, object?> { [nameof(Forms.DefaultAction.Busy)] = busy, [nameof(Forms.DefaultAction.Validate)] = validate });

    /// <summary>The id of a field's input (or of a list's fieldset), for links to it.</summary>
    public static string IdOf(string path) => FieldText.Id(path);
}
