using Flows.Host.Forms;
using Flows.Web.Forms;

namespace Flows.Host.Tests.Support;

/// <summary>The form components rendered to HTML text, as a page or the preview writes them.</summary>
public static class FormMarkup
{
    public static string Fields(AccountForm form, FormValues? values = null, FormErrors? errors = null, IReadOnlySet<string>? storedSecrets = null) =>
        ComponentHtml.Render<AccountFormFields>(new Dictionary<string, object?>
        {
            [nameof(AccountFormFields.Form)] = form,
            [nameof(AccountFormFields.Values)] = values,
            [nameof(AccountFormFields.Errors)] = errors,
            [nameof(AccountFormFields.StoredSecrets)] = storedSecrets,
        });

    public static string Preview(AccountForm form, string css = "") =>
        ComponentHtml.Render<FormPreview>(new Dictionary<string, object?> { [nameof(FormPreview.Form)] = form, [nameof(FormPreview.Css)] = css });
}
