using Flows.Forms.AspNetCore;
using Flows.Host.Accounts;
using Flows.Cli.Output;
using Flows.Forms.Terminal;
using Flows.Forms;
using Flows.Web.Forms;
using Spectre.Console;

namespace Flows.Cli.Commands.Forms;

/// <summary>`flows forms render &lt;schema.json&gt;`: the form a schema produces; --json dumps the model.</summary>
internal sealed class RenderFormHandler(CliOutput output)
{
    public int Run(string file, bool json, bool html = false)
    {
        if (!File.Exists(file))
        {
            output.Error($"no such file: {file}");
            return 2;
        }

        var text = File.ReadAllText(file);
        var loaded = FormSchema.Load(text);
        if (loaded.Schema is not { } schema)
        {
            foreach (var error in loaded.Errors)
            {
                output.Error(error);
            }

            return 1;
        }

        if (json)
        {
            output.WriteJson(schema.Model, CliJson.Output.FormModel);
            return 0;
        }

        if (html)
        {
            var title = schema.Model.Title ?? Path.GetFileNameWithoutExtension(file);
            var example = System.Text.Json.Nodes.JsonNode.Parse(text)?["x-label-example"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var e) ? e : null;
            output.WriteRaw(ComponentHtml.Render<FormPreview>(new Dictionary<string, object?>
            {
                [nameof(FormPreview.Form)] = AccountForm.For(title, schema, example),
                [nameof(FormPreview.Css)] = Flows.Web.Stylesheet.Css,
            }));
            return 0;
        }

        var tree = new Tree(new Text(TerminalText.Plain(schema.Model.Title ?? Path.GetFileName(file))));
        foreach (var field in schema.Model.Fields)
        {
            Add(tree.AddNode(Describe(field)), field);
        }

        output.Console.Write(tree);
        return 0;
    }

    private static void Add(TreeNode node, FormField field)
    {
        AddHelp(node, field.Help);
        foreach (var child in field.Fields)
        {
            Add(node.AddNode(Describe(child)), child);
        }

        if (field.Item is { } item)
        {
            Add(node.AddNode(Describe(item)), item);
        }

        foreach (var variant in field.Variants)
        {
            var option = node.AddNode(new Text(TerminalText.Plain($"option: {variant.Title}{(variant.Hidden ? " [hidden]" : string.Empty)}")));
            AddHelp(option, variant.Description);
            foreach (var child in variant.Fields)
            {
                Add(option.AddNode(Describe(child)), child);
            }
        }
    }

    // Help as the terminal form shows it: markup removed, links as their text and address.
    private static void AddHelp(TreeNode node, string? help)
    {
        if (help is { Length: > 0 } && HelpMarkup.ToText(help) is { Length: > 0 } text)
        {
            foreach (var line in text.Split('\n'))
            {
                node.AddNode(new Text(TerminalText.Plain(line), new Style(Color.Grey)));
            }
        }
    }

    private static Text Describe(FormField field)
    {
        var marks = string.Concat(
            field.Required ? " *" : string.Empty,
            field.Secret ? " [secret]" : string.Empty,
            field.Hidden ? " [hidden]" : string.Empty,
            field.Section is { } section ? $" [section: {section}]" : string.Empty,
            field.AlwaysShow ? " [always shown]" : string.Empty,
            field.VisibleWhen is { } when ? $" [when {when.Property}]" : string.Empty,
            field.Note is { } note ? $" — {note}" : string.Empty);
        return new Text(TerminalText.Plain($"{field.Title} ({field.Kind}{(field.Kind == FieldKind.Text && field.Format != TextFormat.Plain ? $", {field.Format}" : string.Empty)}) {field.Path}{marks}"));
    }
}
