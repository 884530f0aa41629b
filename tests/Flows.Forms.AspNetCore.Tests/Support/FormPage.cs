using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Flows.Forms.AspNetCore.Tests.Support;

/// <summary>A page the form endpoint answered with, parsed as a browser parses it.</summary>
internal sealed class FormPage(HttpStatusCode status, string html, IHtmlDocument document)
{
    public HttpStatusCode Status { get; } = status;

    public string Html { get; } = html;

    public IHtmlDocument Document { get; } = document;

    public IHtmlFormElement Form => Document.QuerySelector<IHtmlFormElement>("form.schema-form").ShouldNotBeNull();

    public static async Task<FormPage> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new FormPage(response.StatusCode, html, new HtmlParser().ParseDocument(html));
    }

    /// <summary>The input or text area posted as <paramref name="name"/>; fails when there is none or more than one.</summary>
    public IElement Input(string name) =>
        Form.QuerySelectorAll("input, textarea, select")
            .Where(e => e.GetAttribute("name") == name && e.GetAttribute("type") != "hidden")
            .ShouldHaveSingleItem();

    public IElement ById(string id) => Document.GetElementById(id).ShouldNotBeNull();

    /// <summary>The hidden fields a browser posts back unchanged: the antiforgery token, the sealed secrets, row marks.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> HiddenFields() =>
        [.. Form.QuerySelectorAll("input[type=hidden]")
            .Where(e => e.GetAttribute("name") is { Length: > 0 } && e.Closest("template") is null)
            .Select(e => KeyValuePair.Create(e.GetAttribute("name")!, e.GetAttribute("value") ?? string.Empty))];

    /// <summary>What pressing submit posts with <paramref name="typed"/> in the inputs: the hidden fields, the typed values, the button.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Submit(params (string Name, string Value)[] typed) =>
        Press(SchemaFormPost.ActionField, SchemaFormPost.SubmitAction, typed);

    /// <summary>What pressing the button named <paramref name="button"/> (with its <paramref name="value"/>) posts.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Press(string button, string value, params (string Name, string Value)[] typed) =>
        [.. HiddenFields(), .. typed.Select(t => KeyValuePair.Create(t.Name, t.Value)), KeyValuePair.Create(button, value)];

    /// <summary>The rows of the list posted as <paramref name="list"/>, outside the blank row the script copies.</summary>
    public IReadOnlyList<IElement> Rows(string list) =>
        [.. Form.QuerySelectorAll($"fieldset[data-list='{list}'] > .rows > .row")];

    /// <summary>The JSON shown as received, or null when the page shows none.</summary>
    public JsonObject? Received() =>
        Document.QuerySelector(".schema-form-result pre")?.TextContent is { } text ? JsonNode.Parse(text)!.AsObject() : null;
}
