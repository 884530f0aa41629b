using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Forms.AspNetCore;

/// <summary>
/// A schema form as two minimal-API endpoints: GET shows it, POST binds and validates, and either
/// shows it again with the messages beside their fields (nothing typed is lost; secrets come back
/// sealed, never in clear) or hands the typed JSON to <see cref="SchemaFormOptions.OnValid"/>.
/// </summary>
public static class SchemaFormEndpoints
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Maps GET and POST <paramref name="pattern"/> to <paramref name="schema"/>'s form.</summary>
    public static RouteGroupBuilder MapSchemaForm(this IEndpointRouteBuilder endpoints, string pattern, FormSchema schema, SchemaFormOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new SchemaFormOptions();
        var group = endpoints.MapGroup(pattern);
        group.MapGet("/", (HttpContext context) => Page(
            context, schema, options, options.Initial is { } initial ? FormBinder.Unbind(schema.Model, initial) : null, null, null, StatusCodes.Status200OK));
        group.MapPost("/", (Func<HttpContext, Task<IResult>>)(context => PostAsync(context, schema, options, pattern)))
            // Checked by the handler, which shows the form again rather than a bare 400.
            .DisableAntiforgery();
        return group;
    }

    private static async Task<IResult> PostAsync(HttpContext context, FormSchema schema, SchemaFormOptions options, string scope)
    {
        var post = await SchemaFormPost.ReadAsync(context, schema.Model, scope).ConfigureAwait(false);
        var errors = new FormErrors();
        if (!post.Trusted)
        {
            errors.AddForm("This form could not be trusted (it was open too long, or it came from another site), so nothing was sent. Check the values and press the button again.");
            return Page(context, schema, options, post.Values, errors, null, StatusCodes.Status400BadRequest, scope);
        }

        if (post.Problem is not null)
        {
            errors.AddForm(post.Problem);
            return Page(context, schema, options, post.Values, errors, null, StatusCodes.Status422UnprocessableEntity, scope);
        }

        if (post.RowsChanged)
        {
            return Page(context, schema, options, post.Values, errors, null, StatusCodes.Status200OK, scope);
        }

        // Secrets of the initial values are kept where their inputs are left empty, as stored ones are.
        var submission = schema.Submit(post.Values, options.Initial);
        if (!submission.Errors.IsEmpty)
        {
            return Page(context, schema, options, post.Values, submission.Errors, null, StatusCodes.Status422UnprocessableEntity, scope);
        }

        if (options.OnValid is { } onValid)
        {
            return await onValid(submission.Instance, context).ConfigureAwait(false);
        }

        var shown = FormSecrets.Masked(schema.Model, submission.Instance).ToJsonString(Indented);
        return Page(context, schema, options, FormBinder.Unbind(schema.Model, submission.Instance), null, shown, StatusCodes.Status200OK);
    }

    private static RazorComponentResult<SchemaFormPage> Page(
        HttpContext context, FormSchema schema, SchemaFormOptions options, FormValues? values, FormErrors? errors, string? result, int status, string? draftScope = null)
    {
        var services = context.RequestServices;
        var model = schema.Model;
        string? sealedSecrets = null;
        var kept = new HashSet<string>(options.Initial is { } initial ? FormBinder.StoredSecrets(model, initial) : [], StringComparer.Ordinal);
        if (values is not null && draftScope is not null)
        {
            sealedSecrets = services.GetRequiredService<SecretDrafts>().Seal(context, draftScope, model, values);
            kept.UnionWith(SecretDrafts.Kept(model, values));
        }

        var headers = context.Response.Headers;
        if (options.ContentSecurityPolicy is { } policy && !headers.ContainsKey("Content-Security-Policy"))
        {
            headers.ContentSecurityPolicy = policy;
        }

        // The page may show what was typed and the JSON received: not for a shared or disk cache.
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        return new RazorComponentResult<SchemaFormPage>(new Dictionary<string, object?>
        {
            [nameof(SchemaFormPage.Model)] = model,
            [nameof(SchemaFormPage.Title)] = options.Title ?? model.Title ?? "Form",
            [nameof(SchemaFormPage.AssetPrefix)] = options.AssetPrefix,
            [nameof(SchemaFormPage.Stylesheet)] = options.Stylesheet,
            [nameof(SchemaFormPage.SubmitText)] = options.SubmitText,
            [nameof(SchemaFormPage.Values)] = values,
            [nameof(SchemaFormPage.Errors)] = errors,
            [nameof(SchemaFormPage.StoredSecrets)] = kept,
            [nameof(SchemaFormPage.SealedSecrets)] = sealedSecrets,
            [nameof(SchemaFormPage.Antiforgery)] = services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context),
            [nameof(SchemaFormPage.Result)] = result,
        })
        {
            StatusCode = status,
        };
    }
}
