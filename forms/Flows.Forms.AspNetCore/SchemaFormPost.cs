using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flows.Forms.AspNetCore;

/// <summary>
/// A schema form as posted: the values (without the form's own controls), which button was pressed,
/// whether the antiforgery token was good, and whether the post only added or removed a row (the
/// buttons that do so without JavaScript): then the form is shown again and nothing is submitted.
/// </summary>
/// <param name="Values">The posted values, with secrets typed before a refused post put back.</param>
/// <param name="Action">The value of the pressed button named <see cref="ActionField"/>.</param>
/// <param name="Trusted">The antiforgery token was good.</param>
/// <param name="RowsChanged">A row was added or removed: show the form again, submit nothing.</param>
/// <param name="Problem">Why kept secrets could not be put back (too old, another form), in words.</param>
public sealed record SchemaFormPost(FormValues Values, string Action, bool Trusted, bool RowsChanged, string? Problem)
{
    /// <summary>The name of the form's buttons.</summary>
    public const string ActionField = "action";

    /// <summary>The value of the default submit button.</summary>
    public const string SubmitAction = "submit";

    /// <summary>The name of a list's "Add a row" button; its value is the list's post name.</summary>
    public const string AddRowField = "add-row";

    /// <summary>The name of a row's "Remove" button; its value is the row's post name.</summary>
    public const string RemoveRowField = "remove-row";

    /// <summary>Reads the post of a form drawn by <see cref="SchemaForm"/> (or <see cref="SchemaFormFields"/> inside a form of one's own).</summary>
    /// <param name="context">The request.</param>
    /// <param name="model">The form's model.</param>
    /// <param name="draftScope">What the form is for (e.g. the record being edited): sealed secrets are put back only into the same scope.</param>
    /// <param name="ownFields">Fields of one's own in the form, left out of <see cref="Values"/>.</param>
    public static async Task<SchemaFormPost> ReadAsync(HttpContext context, FormModel model, string draftScope, IEnumerable<string>? ownFields = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        if (!context.Request.HasFormContentType)
        {
            return new SchemaFormPost(new FormValues(), string.Empty, Trusted: false, RowsChanged: false, Problem: null);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var services = context.RequestServices;
        var trusted = await services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context).ConfigureAwait(false);
        var skipped = new HashSet<string>(ownFields ?? [], StringComparer.Ordinal)
        {
            ActionField, AddRowField, RemoveRowField, SecretDrafts.Field,
        };
        if (services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName is { } tokenField)
        {
            skipped.Add(tokenField);
        }

        var values = new FormValues();
        foreach (var (name, posted) in form)
        {
            if (skipped.Contains(name))
            {
                continue;
            }

            foreach (var value in posted)
            {
                values.Add(name, value ?? string.Empty);
            }
        }

        string? problem = null;
        if (trusted)
        {
            (values, problem) = services.GetRequiredService<SecretDrafts>().Restore(context, draftScope, model, form[SecretDrafts.Field].ToString(), values);
        }

        // The buttons are drawn only where the list allows the change; a post pressing one that was not
        // drawn shows the form again unchanged.
        var changed = false;
        if (form[RemoveRowField].ToString() is { Length: > 0 } row)
        {
            if (ListOf(model, row) is { Removable: true })
            {
                values = values.Without(row);
            }

            changed = true;
        }
        else if (form[AddRowField].ToString() is { Length: > 0 } list)
        {
            if (ListAt(model, list) is { Addable: true } field && !IsFull(field, values.RowsOf(list).Count))
            {
                values = WithRowAdded(values, list);
            }

            changed = true;
        }

        return new SchemaFormPost(values, form[ActionField].ToString(), trusted, changed, problem);
    }

    // Whether a list holding this many rows has as many as its schema allows.
    internal static bool IsFull(FormField list, int rows) => list.MaxItems is { } most && rows >= most;

    // The list field a post name (rows numbered) stands for, if it is one.
    private static FormField? ListAt(FormModel model, string name)
    {
        var template = FormPath.Template(name);
        return model.AllFields().FirstOrDefault(f => f.Kind == FieldKind.List && f.Path == template);
    }

    // The list a row's post name ("list[3]") belongs to.
    private static FormField? ListOf(FormModel model, string row) =>
        row.EndsWith(']') && row.LastIndexOf('[') is var open and > 0 ? ListAt(model, row[..open]) : null;

    /// <summary>
    /// <paramref name="values"/> with one more (blank) row in the list posted as <paramref name="list"/>:
    /// a list shown with rows posts them, one shown empty gets its first.
    /// </summary>
    public static FormValues WithRowAdded(FormValues values, string list)
    {
        ArgumentNullException.ThrowIfNull(values);
        var rows = values.RowsOf(list);
        values.Add(FormPath.ListItem(list, rows.Count == 0 ? 0 : rows[^1] + 1), string.Empty);
        return values;
    }
}
