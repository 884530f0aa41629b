using Flows.Web.Forms;

namespace Flows.Testing;

/// <summary>The form components rendered to HTML text, as a page or the preview writes them.</summary>
public static class FormMarkup
{
    public static string Fields(AccountForm form, FormValues? values = null, FormErrors? errors = null, IReadOnlySet<string>? storedSecrets = null) =>
        FormHtml.Fields(form, values, errors, storedSecrets);

    public static string Preview(AccountForm form, string css = "") =>
        FormHtml.PreviewPage(form, css);
}
