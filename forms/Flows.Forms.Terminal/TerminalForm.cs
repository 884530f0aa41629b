using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Flows.Forms.Terminal;

/// <summary>
/// Asks for a form's values in the terminal, in schema order, from the same form model a web page
/// draws: help texts and hints, defaults, choices, masked secrets, variants and list rows. Text from
/// schemas is always escaped (no markup, no escape sequences reach the terminal). The answers are
/// <see cref="FormValues"/>, as a form post would give them: <see cref="FormSchema.Submit"/> turns them
/// into JSON and says what is wrong, and <see cref="AskAgain(FormModel, FormValues, FormErrors)"/>
/// asks the fields in error again.
/// </summary>
public sealed class TerminalForm
{
    private readonly IAnsiConsole _console;

    // What the values being edited hold now: each prompt offers it as the answer Enter keeps.
    private FormValues? _current;

    /// <summary>A form that asks on <paramref name="console"/> (<c>AnsiConsole.Console</c> for the real terminal).</summary>
    /// <param name="console">Where the prompts are shown and answered.</param>
    public TerminalForm(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
    }

    /// <summary>
    /// Post names (<see cref="FormPath"/>) of the secrets the values being edited already hold: their
    /// prompts say so, and leaving them empty keeps them (<see cref="FormBinder"/> keeps a stored secret
    /// that is posted empty). Typing a new one replaces it. Empty unless set.
    /// </summary>
    public IReadOnlySet<string> StoredSecrets { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Asks every field of <paramref name="model"/> that <paramref name="values"/> does not already answer.</summary>
    /// <param name="model">The form, usually <see cref="FormSchema.Model"/>.</param>
    /// <param name="values">What is answered already (values given on a command line, say); the answers are added to it.</param>
    /// <returns><paramref name="values"/>, completed.</returns>
    public FormValues AskMissing(FormModel model, FormValues values)
    {
        ArgumentNullException.ThrowIfNull(model);
        return AskMissing(model.Fields, values);
    }

    /// <summary>Asks every field of <paramref name="fields"/> that <paramref name="values"/> does not already answer.</summary>
    /// <param name="fields">Top-level fields, in order: a model's own, or a program's fields around them.</param>
    /// <param name="values">What is answered already; the answers are added to it.</param>
    /// <returns><paramref name="values"/>, completed.</returns>
    public FormValues AskMissing(IReadOnlyList<FormField> fields, FormValues values)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(values);
        AskFields(fields, string.Empty, string.Empty, values);
        return values;
    }

    /// <summary>
    /// Asks every field of <paramref name="model"/> for values being edited, offering what
    /// <paramref name="current"/> holds as the answer Enter keeps (and the stored option of a choice,
    /// the stored rows of a list, the ticked choices of a set).
    /// </summary>
    /// <param name="model">The form, usually <see cref="FormSchema.Model"/>.</param>
    /// <param name="current">What the values hold now, as <see cref="FormBinder.Unbind"/> gives them (secrets left out).</param>
    /// <returns>New values: every answer, none of <paramref name="current"/> that was not asked.</returns>
    public FormValues AskAll(FormModel model, FormValues current)
    {
        ArgumentNullException.ThrowIfNull(model);
        return AskAll(model.Fields, current);
    }

    /// <summary>Asks every field of <paramref name="fields"/> for values being edited; see <see cref="AskAll(FormModel, FormValues)"/>.</summary>
    /// <param name="fields">Top-level fields, in order.</param>
    /// <param name="current">What the values hold now.</param>
    /// <returns>New values: every answer.</returns>
    public FormValues AskAll(IReadOnlyList<FormField> fields, FormValues current)
    {
        ArgumentNullException.ThrowIfNull(current);
        _current = current;
        try
        {
            return AskMissing(fields, new FormValues());
        }
        finally
        {
            _current = null;
        }
    }

    /// <summary>Shows what is wrong with each field in <paramref name="errors"/> and asks it again; other answers are kept.</summary>
    /// <param name="model">The form the values were asked for.</param>
    /// <param name="values">The answers that were refused.</param>
    /// <param name="errors">What is wrong, by post name (<see cref="FormSubmission.Errors"/>); form-wide errors are the caller's to show.</param>
    /// <returns>New values: the answers without errors, and the new answers.</returns>
    public FormValues AskAgain(FormModel model, FormValues values, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(model);
        return AskAgain(model.Fields, values, errors);
    }

    /// <summary>Shows what is wrong with each field in <paramref name="errors"/> and asks it again; see <see cref="AskAgain(FormModel, FormValues, FormErrors)"/>.</summary>
    /// <param name="fields">Top-level fields the values were asked for.</param>
    /// <param name="values">The answers that were refused.</param>
    /// <param name="errors">What is wrong, by post name.</param>
    /// <returns>New values: the answers without errors, and the new answers.</returns>
    public FormValues AskAgain(IReadOnlyList<FormField> fields, FormValues values, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);

        // The binder knows which field each post name stands for, rows and chosen options included.
        var bound = FormBinder.Bind(new FormModel(null, null, fields, []), values).Fields.Values.ToDictionary(f => f.Path, f => f.Field, StringComparer.Ordinal);
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
                _console.MarkupLine($"[red]✖ {TerminalText.Markup(message)}[/]");
            }

            if (bound.TryGetValue(path, out var field) && !field.Disabled)
            {
                AskScalar(field, path, again);
            }
        }

        return again;
    }

    private void Ask(FormField field, string path, FormValues values)
    {
        if (field.Hidden || field.ReadOnly || values.AnyUnder(path))
        {
            return;
        }

        if (field.Disabled)
        {
            ShowDisabled(field, path);
            return;
        }

        switch (field.Kind)
        {
            case FieldKind.Group:
                _console.MarkupLine($"[bold]{TerminalText.Markup(field.Title)}[/]");
                AskFields(field.Fields.Where(c => c.VisibleWhen is null || c.VisibleWhen.HoldsFor(null) || values.Contains(c.VisibleWhen.Path)), field.Path, path, values);
                break;
            case FieldKind.Variant:
                AskVariant(field, path, values);
                break;
            case FieldKind.List when field.IsChoiceSet:
                AskChoiceSet(field, path, values);
                break;
            case FieldKind.List:
                AskRows(field, path, values);
                break;
            default:
                AskScalar(field, path, values);
                break;
        }
    }

    // Fields of one object in order, each section's heading before its first field.
    private void AskFields(IEnumerable<FormField> fields, string templatePrefix, string concretePrefix, FormValues values)
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
                _console.WriteLine();
                _console.MarkupLine($"[bold underline]{TerminalText.Markup(heading)}[/]");
            }

            section = field.Section ?? section;
            Ask(field, path, values);
        }
    }

    // Hidden options are never offered; the selection starts on the stored one, so Enter keeps it.
    private void AskVariant(FormField field, string path, FormValues values)
    {
        var options = Enumerable.Range(0, field.Variants.Count).Where(i => !field.Variants[i].Hidden).ToList();
        if (options.Count == 0)
        {
            return;
        }

        var stored = int.TryParse(_current?.Last(FormPath.VariantSelector(path)), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && options.Contains(index) ? index : options[0];
        var chosen = options.Count == 1 ? options[0] : _console.Prompt(new SelectionPrompt<int>()
            .Title(TerminalText.Markup(field.Title))
            .AddChoices(options)
            .DefaultValue(stored)
            .UseConverter(i => TerminalText.Markup(field.Variants[i].Title)));
        values.Add(FormPath.VariantSelector(path), chosen.ToString(CultureInfo.InvariantCulture));
        AskFields(field.Variants[chosen].Fields, field.Path, path, values);
    }

    // Rows one after another, each after a yes to "add a row?"; an edit offers its stored rows first.
    private void AskRows(FormField field, string path, FormValues values)
    {
        var storedRows = _current?.RowsOf(path).Count ?? 0;
        for (var row = 0; WantsRow(field, row, storedRows); row++)
        {
            Ask(field.Item!, FormPath.ListItem(path, row), values);
        }
    }

    private bool WantsRow(FormField list, int row, int storedRows)
    {
        var title = TerminalText.Markup(list.Title);
        if (row < storedRows)
        {
            // A stored row of a list whose rows cannot be removed stays; of one that cannot grow, it is kept or dropped.
            return !list.Removable
                || (list.Addable
                    ? _console.Confirm($"Add {(row == 0 ? "a" : "another")} row to {title}?", defaultValue: true)
                    : _console.Confirm($"Keep row {row + 1} of {title}?", defaultValue: true));
        }

        // A full list is not offered another row, as the web form offers no "Add a row" then.
        if (list.MaxItems is { } most && row >= most)
        {
            return false;
        }

        // A list that cannot grow gets the rows its minimum needs and no more, as web forms fill them in.
        return list.Addable
            ? _console.Confirm($"Add {(row == 0 ? "a" : "another")} row to {title}?", defaultValue: row < (list.MinItems ?? 0))
            : row < (list.MinItems ?? 0);
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

        var ticked = _console.Prompt(prompt);
        for (var i = 0; i < options.Count; i++)
        {
            if (ticked.Contains(options[i]))
            {
                values.Add(FormPath.ListItem(path, i), options[i].Key);
            }
        }
    }

    // Markup in help (links, emphasis, lists) as plain lines, a link as its text and address; the hint after it.
    private void ShowHelp(FormField field)
    {
        var lines = (field.Help is { Length: > 0 } help ? HelpMarkup.ToText(help).Split('\n') : [])
            .Concat(field.Hint is { Length: > 0 } hint ? hint.ReplaceLineEndings("\n").Split('\n') : []);
        foreach (var line in lines)
        {
            _console.MarkupLine($"[grey]{TerminalText.Markup(line)}[/]");
        }
    }

    // Shown with what it holds, never asked: the binder keeps the stored value or the default.
    private void ShowDisabled(FormField field, string path)
    {
        var shown = field switch
        {
            { Kind: FieldKind.Group or FieldKind.Variant or FieldKind.List } => null,
            { Secret: true } => StoredSecrets.Contains(path) ? "(set)" : null,
            { Kind: FieldKind.Boolean } => (_current?.Last(path) ?? FormDefaults.Of(field)) switch { "true" => "yes", "false" => "no", _ => null },
            { Kind: FieldKind.Choice } => (_current?.Last(path) ?? FormDefaults.Of(field)) is { } key ? field.Options.FirstOrDefault(o => o.Key == key)?.Label ?? key : null,
            _ => _current?.Last(path) ?? FormDefaults.Of(field),
        };
        ShowHelp(field);
        _console.MarkupLine($"{TerminalText.Markup(field.Title)}: {(shown is null ? string.Empty : TerminalText.Markup(shown) + " ")}[grey](cannot be changed)[/]");
    }

    private void AskScalar(FormField field, string path, FormValues values)
    {
        ShowHelp(field);

        switch (field.Kind)
        {
            case FieldKind.Boolean:
                var initial = _current?.Last(path) is { } was ? was == "true" : field.Default?.GetValueKind() == JsonValueKind.True;
                var yes = field.Widget is FieldWidget.Radio or FieldWidget.Select
                    ? _console.Prompt(new SelectionPrompt<bool>()
                        .Title(TerminalText.Markup(field.Title))
                        .AddChoices(true, false)
                        .DefaultValue(initial)
                        .UseConverter(b => b ? "Yes" : "No"))
                    : _console.Confirm(TerminalText.Markup(field.Title), initial);
                values.Add(path, yes ? "true" : "false");
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
                    : offered.FirstOrDefault(o => field.Default is not null && JsonNode.DeepEquals(o.Value, field.Default))) ?? offered[0];
                values.Add(path, _console.Prompt(new SelectionPrompt<ChoiceOption>()
                    .Title(TerminalText.Markup(field.Title))
                    .UseConverter(o => TerminalText.Markup(o.Label))
                    .AddChoices(offered)
                    .DefaultValue(start)).Key);
                break;
            default:
                values.Add(path, AskText(field, path));
                break;
        }
    }

    private string AskText(FormField field, string path)
    {
        var keep = field.Secret && StoredSecrets.Contains(path);
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

        return _console.Prompt(prompt);
    }

    // Several lines (a certificate, a private key), one prompt each until an empty line, so a pasted
    // block fills this field instead of spilling into the prompts after it.
    private string AskLines(FormField field, string title, string? preset, bool mayBeEmpty)
    {
        _console.MarkupLine(preset is null
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

            var line = _console.Prompt(prompt);
            if (line.Length == 0)
            {
                return lines.Count == 0 && preset is not null ? preset : string.Join('\n', lines);
            }

            lines.Add(line);
        }
    }
}
