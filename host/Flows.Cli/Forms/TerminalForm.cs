using Flows.Host.Accounts;
using System.Globalization;
using Flows.Forms;
using Flows.Cli.Output;
using Spectre.Console;

namespace Flows.Cli.Forms;

/// <summary>
/// Asks for an account form's values in the terminal, in schema order, from the same form model the
/// web page uses: help texts, defaults, choices, masked secrets, variants and list rows. Text from
/// schemas and plugins is always escaped (no markup, no escape sequences reach the terminal).
/// </summary>
internal sealed class TerminalForm(IAnsiConsole console)
{
    // What an edited account holds now: each prompt offers it as the answer Enter keeps.
    private FormValues? _current;

    /// <summary>
    /// Asks every field of an account being edited, offering what is stored as the default (Enter keeps
    /// it; a stored secret is kept when left empty).
    /// </summary>
    public FormValues AskAll(AccountForm form, FormValues current, IReadOnlySet<string> storedSecrets)
    {
        _current = current;
        try
        {
            return AskMissing(form, new FormValues(), storedSecrets);
        }
        finally
        {
            _current = null;
        }
    }

    /// <summary>Asks every field that <paramref name="values"/> does not already answer; returns the completed values.</summary>
    /// <param name="storedSecrets">Post names of secrets an edited account already has: leaving them empty keeps them.</param>
    public FormValues AskMissing(AccountForm form, FormValues values, IReadOnlySet<string> storedSecrets)
    {
        if (!values.Contains(FormPath.Label))
        {
            values.Add(FormPath.Label, AskText(form.Label, form.Label.Path, storedSecrets));
        }

        AskFields(form.Schema.Model.Fields, string.Empty, string.Empty, values, storedSecrets);
        return values;
    }

    /// <summary>Shows what is wrong and asks the named fields again.</summary>
    public FormValues AskAgain(AccountForm form, FormValues values, FormErrors errors, IReadOnlySet<string> storedSecrets)
    {
        var fields = FormBinder.Bind(form.Schema.Model, values).Fields.Values.ToDictionary(f => f.Path, f => f.Field, StringComparer.Ordinal);
        fields[FormPath.Label] = form.Label;
        var again = new FormValues();
        foreach (var name in values.Names.Where(n => !errors.Fields.ContainsKey(n)))
        {
            foreach (var value in values.All(name))
            {
                again.Add(name, value);
            }
        }

        foreach (var (path, messages) in errors.Fields)
        {
            foreach (var message in messages)
            {
                console.MarkupLine($"[red]✖ {TerminalText.Markup(message)}[/]");
            }

            if (fields.TryGetValue(path, out var field))
            {
                AskScalar(field, path, again, storedSecrets);
            }
        }

        return again;
    }

    /// <summary>Save &amp; Validate, Apply, or Cancel.</summary>
    /// <param name="canValidate">Whether the connector may check the account.</param>
    /// <param name="applyFirst">Whether Enter picks Apply although the connector may check: its last check could not be made.</param>
    public FormAction AskAction(bool canValidate, bool applyFirst = false)
    {
        var choices = canValidate ? new[] { FormAction.SaveAndValidate, FormAction.Apply, FormAction.Cancel } : [FormAction.Apply, FormAction.Cancel];

        // A selection starts on its default value, which is otherwise default(T): the first action here.
        return console.Prompt(new SelectionPrompt<FormAction>()
            .Title("What now?")
            .AddChoices(choices)
            .DefaultValue(applyFirst || !canValidate ? FormAction.Apply : FormAction.SaveAndValidate)
            .UseConverter(a => a switch
            {
                FormAction.SaveAndValidate => "Save & Validate",
                FormAction.Apply => "Apply (save without checking)",
                _ => "Cancel (save nothing)",
            }));
    }

    private void Ask(FormField field, string path, FormValues values, IReadOnlySet<string> storedSecrets)
    {
        if (field.Hidden || field.ReadOnly || values.AnyUnder(path))
        {
            return;
        }

        switch (field.Kind)
        {
            case FieldKind.Group:
                console.MarkupLine($"[bold]{TerminalText.Markup(field.Title)}[/]");
                AskFields(field.Fields.Where(c => c.VisibleWhen is null || c.VisibleWhen.HoldsFor(null) || values.Contains(c.VisibleWhen.Path)), field.Path, path, values, storedSecrets);
                break;
            case FieldKind.Variant:
                // Hidden options are never offered; the selection starts on the stored one, so Enter keeps it.
                var options = Enumerable.Range(0, field.Variants.Count).Where(i => !field.Variants[i].Hidden).ToList();
                if (options.Count == 0)
                {
                    break;
                }

                var stored = int.TryParse(_current?.Last(FormPath.VariantSelector(path)), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && options.Contains(index) ? index : options[0];
                var chosen = options.Count == 1 ? options[0] : console.Prompt(new SelectionPrompt<int>()
                    .Title(TerminalText.Markup(field.Title))
                    .AddChoices(options)
                    .DefaultValue(stored)
                    .UseConverter(i => TerminalText.Markup(field.Variants[i].Title)));
                values.Add(FormPath.VariantSelector(path), chosen.ToString(CultureInfo.InvariantCulture));
                AskFields(field.Variants[chosen].Fields, field.Path, path, values, storedSecrets);
                break;
            case FieldKind.List when field.IsChoiceSet:
                AskChoiceSet(field, path, values);
                break;
            case FieldKind.List:
                var storedRows = _current?.RowsOf(path).Count ?? 0;
                for (var row = 0; console.Confirm($"Add {(row == 0 ? "a" : "another")} row to {TerminalText.Markup(field.Title)}?", defaultValue: row < Math.Max(field.MinItems ?? 0, storedRows)); row++)
                {
                    Ask(field.Item!, FormPath.ListItem(path, row), values, storedSecrets);
                }

                break;
            default:
                AskScalar(field, path, values, storedSecrets);
                break;
        }
    }

    // Fields of one object in order, each section's heading before its first field.
    private void AskFields(IEnumerable<FormField> fields, string templatePrefix, string concretePrefix, FormValues values, IReadOnlySet<string> storedSecrets)
    {
        string? section = null;
        foreach (var field in fields)
        {
            var path = FormPath.Rebase(field.Path, templatePrefix, concretePrefix);
            if (field.Hidden || field.ReadOnly || values.AnyUnder(path))
            {
                continue;
            }

            if (field.Section is { } heading && heading != section)
            {
                console.WriteLine();
                console.MarkupLine($"[bold underline]{TerminalText.Markup(heading)}[/]");
            }

            section = field.Section ?? section;
            Ask(field, path, values, storedSecrets);
        }
    }

    // A list of distinct choices: ticked in one prompt, each ticked choice a row of its own number.
    private void AskChoiceSet(FormField field, string path, FormValues values)
    {
        ShowHelp(field);
        var options = field.Item!.Options;
        var stored = _current is { } current
            ? current.RowsOf(path).Select(row => current.Last(FormPath.ListItem(path, row))).ToHashSet(StringComparer.Ordinal)
            : [];
        var prompt = new MultiSelectionPrompt<ChoiceOption>()
            .Title(TerminalText.Markup(field.Title) + (field.Required || field.MinItems > 0 ? " [red]*[/]" : string.Empty))
            .InstructionsText("[grey](Space ticks a choice, Enter accepts)[/]")
            .UseConverter(o => TerminalText.Markup(o.Label))
            .AddChoices(options)
            .Required(field.Required || field.MinItems > 0);
        foreach (var option in options.Where(o => stored.Contains(o.Key)))
        {
            prompt.Select(option);
        }

        var ticked = console.Prompt(prompt);
        for (var i = 0; i < options.Count; i++)
        {
            if (ticked.Contains(options[i]))
            {
                values.Add(FormPath.ListItem(path, i), options[i].Key);
            }
        }
    }

    // Markup in help (links, emphasis, lists) as plain lines; a link as its text and address.
    private void ShowHelp(FormField field)
    {
        if (field.Help is { Length: > 0 } help)
        {
            foreach (var line in HelpMarkup.ToText(help).Split('\n'))
            {
                console.MarkupLine($"[grey]{TerminalText.Markup(line)}[/]");
            }
        }
    }

    private void AskScalar(FormField field, string path, FormValues values, IReadOnlySet<string> storedSecrets)
    {
        ShowHelp(field);

        switch (field.Kind)
        {
            case FieldKind.Boolean:
                var initial = _current?.Last(path) is { } was ? was == "true" : field.Default?.GetValueKind() == System.Text.Json.JsonValueKind.True;
                values.Add(path, console.Confirm(TerminalText.Markup(field.Title), initial) ? "true" : "false");
                break;
            case FieldKind.Choice:
                // In the schema's order, starting on what is stored, else on the default.
                var offered = field.Options.ToList();
                if (!field.Required)
                {
                    offered.Add(new ChoiceOption(null, "(none)", string.Empty));
                }

                var start = (_current?.Last(path) is { } key
                    ? offered.FirstOrDefault(o => o.Key == key)
                    : offered.FirstOrDefault(o => field.Default is not null && System.Text.Json.Nodes.JsonNode.DeepEquals(o.Value, field.Default))) ?? offered[0];
                values.Add(path, console.Prompt(new SelectionPrompt<ChoiceOption>()
                    .Title(TerminalText.Markup(field.Title))
                    .UseConverter(o => TerminalText.Markup(o.Label))
                    .AddChoices(offered)
                    .DefaultValue(start)).Key);
                break;
            default:
                values.Add(path, AskText(field, path, storedSecrets));
                break;
        }
    }

    private string AskText(FormField field, string path, IReadOnlySet<string> storedSecrets)
    {
        var keep = field.Secret && storedSecrets.Contains(path);
        var title = TerminalText.Markup(field.Title) + (field.Required && !keep ? " [red]*[/]" : string.Empty)
            + (keep ? " [grey](set — leave empty to keep)[/]" : string.Empty)
            + (field.Placeholder is { } example && !field.Secret ? $" [grey](e.g. {TerminalText.Markup(example)})[/]" : string.Empty);
        var preset = _current?.Last(path) ?? FormDefaults.Of(field);
        if (field.Format == TextFormat.Multiline)
        {
            return AskLines(field, title, field.Secret ? null : preset, mayBeEmpty: !field.Required || keep);
        }

        var prompt = new TextPrompt<string>(title);
        if (field.Secret)
        {
            prompt.Secret();
        }

        if (preset is not null && !field.Secret)
        {
            prompt.DefaultValue(preset);
        }
        else if (!field.Required || keep)
        {
            prompt.AllowEmpty();
        }

        return console.Prompt(prompt);
    }

    // Several lines (a certificate, a private key), one prompt each until an empty line, so a pasted
    // block fills this field instead of spilling into the prompts after it.
    private string AskLines(FormField field, string title, string? preset, bool mayBeEmpty)
    {
        console.MarkupLine(preset is null
            ? "[grey]Several lines: type or paste them, then press Enter on an empty line.[/]"
            : "[grey]Several lines: type or paste them, then press Enter on an empty line; an empty first line keeps what is there.[/]");
        var lines = new List<string>();
        while (true)
        {
            var prompt = new TextPrompt<string>(lines.Count == 0 ? title : "[grey]…[/]");
            if (field.Secret)
            {
                prompt.Secret();
            }

            if (lines.Count > 0 || mayBeEmpty || preset is not null)
            {
                prompt.AllowEmpty();
            }

            var line = console.Prompt(prompt);
            if (line.Length == 0)
            {
                return lines.Count == 0 && preset is not null ? preset : string.Join('\n', lines);
            }

            lines.Add(line);
        }
    }
}

/// <summary>The actions offered at the end of an account form.</summary>
internal enum FormAction
{
    SaveAndValidate,
    Apply,
    Cancel,
}
