using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Flows.Forms.AspNetCore;

/// <summary>How <see cref="SchemaFormEndpoints.MapSchemaForm"/> shows a form and what it does with a valid post.</summary>
public sealed class SchemaFormOptions
{
    /// <summary>The page's title and heading; the schema's <c>title</c>, else "Form", when not set.</summary>
    public string? Title { get; set; }

    /// <summary>The submit button's text.</summary>
    public string SubmitText { get; set; } = "Submit";

    /// <summary>Where the assets are served (see <see cref="SchemaFormAssets.MapSchemaFormAssets"/>).</summary>
    public string AssetPrefix { get; set; } = SchemaFormAssets.DefaultPrefix;

    /// <summary>A stylesheet of one's own, linked after the forms' (to set the <c>--schema-form-*</c> properties).</summary>
    public string? Stylesheet { get; set; }

    /// <summary>
    /// The Content-Security-Policy sent with the form's pages, unless the app set one already: by default
    /// nothing inline and nothing from elsewhere (the script and stylesheet come from this app). Add the
    /// origin of a <see cref="Stylesheet"/> served elsewhere; null sends none.
    /// </summary>
    public string? ContentSecurityPolicy { get; set; } = DefaultContentSecurityPolicy;

    /// <summary>The policy <see cref="ContentSecurityPolicy"/> starts with.</summary>
    public const string DefaultContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The values the form opens with (secrets in it are never shown); the schema's defaults when not set.</summary>
    public JsonObject? Initial { get; set; }

    /// <summary>
    /// What a valid post does: given the typed JSON instance, the answer to send. When not set, the
    /// form is shown again with the JSON it received below it, secrets masked.
    /// </summary>
    public Func<JsonObject, HttpContext, Task<IResult>>? OnValid { get; set; }
}
