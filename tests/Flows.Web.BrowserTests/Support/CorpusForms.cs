using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Flows.Authoring;
using Flows.Forms;
using Microsoft.Playwright;

namespace Flows.Web.BrowserTests.Support;

/// <summary>
/// The published connector specs of tests/Fixtures/CorpusPlugin (its specs/INDEX.json), their forms'
/// addresses, and what a careful person would type into them: the sample <c>flows forms check</c>
/// proves the schema accepts, written into the page input by input.
/// </summary>
public static partial class CorpusForms
{
    public const string PluginId = "fixture.corpus";
    public const string Folder = "corpus";
    public const string ConnectorPage = "/connectors/" + PluginId;

    private static readonly Lazy<IReadOnlyList<Spec>> Index = new(ReadIndex);

    public sealed record Spec(string AccountType, string Title, string File)
    {
        public string AddForm => $"{ConnectorPage}/new/{AccountType}";

        public string SchemaText => System.IO.File.ReadAllText(Path.Combine(BuildOutputs.RepoRoot, "tests", "Fixtures", "CorpusPlugin", File));

        public override string ToString() => AccountType;
    }

    public static IReadOnlyList<Spec> Specs => Index.Value;

    /// <summary>Every account type of the corpus, for a theory.</summary>
    public static TheoryData<string> AccountTypes()
    {
        var data = new TheoryData<string>();
        foreach (var spec in Specs)
        {
            data.Add(spec.AccountType);
        }

        return data;
    }

    /// <summary>
    /// Every list of rows of the corpus a person meets without choosing a variant (top level or in a group,
    /// not hidden; not a set of choices, which has no rows), with and without JavaScript, for a theory:
    /// account type, list's post name, script on.
    /// </summary>
    public static TheoryData<string, string, bool> Lists()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (spec, list) in ListsInView())
        {
            data.Add(spec.AccountType, list.Path, true);
            data.Add(spec.AccountType, list.Path, false);
        }

        return data;
    }

    /// <summary>The lists of <see cref="Lists"/> that may be left empty: account type, post name.</summary>
    public static TheoryData<string, string> OptionalLists()
    {
        var data = new TheoryData<string, string>();
        foreach (var (spec, list) in ListsInView().Where(l => !MayNotBeEmpty(l.List)))
        {
            data.Add(spec.AccountType, list.Path);
        }

        return data;
    }

    /// <summary>
    /// The lists of <see cref="Lists"/> that may not be empty: account type, post name, and whether a
    /// blank row is left out of the post (a row of plain values; a row of fields holds their defaults).
    /// </summary>
    public static TheoryData<string, string, bool> RequiredLists()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (spec, list) in ListsInView().Where(l => MayNotBeEmpty(l.List)))
        {
            data.Add(spec.AccountType, list.Path, list.Item!.Kind is not (FieldKind.Group or FieldKind.Variant));
        }

        return data;
    }

    /// <summary>The account types whose forms show a checkbox outside a list (perhaps in a variant), for a theory.</summary>
    public static TheoryData<string> WithCheckboxes()
    {
        var data = new TheoryData<string>();
        foreach (var spec in Specs.Where(s => Shown(FormSchema.Load(s.SchemaText).Schema!.Model.Fields).Any(f => f.Kind == FieldKind.Boolean)))
        {
            data.Add(spec.AccountType);
        }

        return data;
    }

    // The fields drawn without adding a row: through groups and every option of a chooser.
    private static IEnumerable<FormField> Shown(IEnumerable<FormField> fields) => fields
        .Where(f => !f.Hidden)
        .SelectMany(f => f.Kind switch
        {
            FieldKind.Group => Shown(f.Fields),
            FieldKind.Variant => f.Variants.Where(v => !v.Hidden).SelectMany(v => Shown(v.Fields)),
            FieldKind.List => Enumerable.Empty<FormField>(),
            _ => [f],
        });

    private static bool MayNotBeEmpty(FormField list) => list.Required || list.MinItems > 0;

    private static IEnumerable<(Spec Spec, FormField List)> ListsInView() =>
        Specs.SelectMany(spec => InView(FormSchema.Load(spec.SchemaText).Schema!.Model.Fields).Select(list => (spec, list)));

    private static IEnumerable<FormField> InView(IEnumerable<FormField> fields) => fields
        .Where(f => !f.Hidden)
        .SelectMany(f => f.Kind switch
        {
            FieldKind.List when !f.IsChoiceSet => [f],
            FieldKind.Group => InView(f.Fields),
            _ => Enumerable.Empty<FormField>(),
        });

    public static Spec Find(string accountType) => Specs.Single(s => s.AccountType == accountType);

    /// <summary>Post names and values that bind to an instance the spec accepts (secrets included).</summary>
    public static FormValues Sample(Spec spec)
    {
        var report = FormCheck.Run(spec.SchemaText, Path.GetFileName(spec.File));
        report.Passed.ShouldBeTrue($"forms check refuses {spec.File}: {string.Join("; ", report.Problems)}");
        var model = FormSchema.Load(spec.SchemaText).Schema!.Model;
        var all = FormBinder.Unbind(model, report.Sample!, includeSecrets: true);

        // Hidden parts are not in the page: they save their defaults without anyone typing them.
        var hidden = model.AllFields().Where(f => f.Hidden).Select(f => f.Path).ToList();
        var shown = new FormValues();
        foreach (var name in all.Names.Where(n => !hidden.Any(h => FormPath.IsAtOrUnder(FormPath.Template(n), h))))
        {
            foreach (var value in all.All(name))
            {
                shown.Add(name, value);
            }
        }

        return shown;
    }

    /// <summary>The post names of the spec's secret inputs among <paramref name="values"/>.</summary>
    public static IReadOnlyList<string> SecretNames(Spec spec, FormValues values)
    {
        var model = FormSchema.Load(spec.SchemaText).Schema!.Model;
        var secrets = model.AllFields().Where(f => f.Secret).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return [.. values.Names.Where(n => secrets.Contains(FormPath.Template(n)) && values.Last(n) is { Length: > 0 })];
    }

    /// <summary>Every collapsed part of the form opened, so every input can be reached.</summary>
    public static Task OpenEverythingAsync(IPage page) =>
        page.EvalOnSelectorAllAsync("details", "ds => ds.forEach(d => d.open = true)");

    /// <summary>
    /// Types <paramref name="values"/> into the page as a user would: variant choices first, rows added
    /// with the list's own button when a row is missing, then every input.
    /// </summary>
    public static async Task FillAsync(IPage page, FormValues values)
    {
        await OpenEverythingAsync(page);
        var pending = values.Names
            .Where(n => !n.EndsWith("!clear", StringComparison.Ordinal))
            .OrderBy(n => n.EndsWith('@') ? 0 : 1)
            .ThenBy(n => n.Count(c => c is '.' or '[' or '@'))
            .ToList();
        for (var round = 0; round < 12 && pending.Count > 0; round++)
        {
            var left = new List<string>();
            foreach (var name in pending)
            {
                if (!await FillOneAsync(page, name, values.Last(name) ?? string.Empty))
                {
                    left.Add(name);
                }
            }

            if (left.Count == pending.Count)
            {
                break;
            }

            pending = left;
        }

        pending.ShouldBeEmpty("these inputs of the sample were not found in the page");
    }

    private static async Task<bool> FillOneAsync(IPage page, string name, string value)
    {
        // A set of choices: its rows are the ticked boxes, whatever their numbers.
        if (RowOf().Match(name) is { Success: true } ticked
            && page.Locator($"fieldset.choice-set[data-list={Css(ticked.Groups["list"].Value)}]") is var set
            && await set.CountAsync() > 0)
        {
            await set.Locator($"input[type=checkbox][value={Css(value)}]").CheckAsync();
            return true;
        }

        if (name.EndsWith(']') && await page.Locator($"[name={Css(name)}]:not([type=hidden])").CountAsync() == 0)
        {
            // A row of objects (its name marks a saved row): there once anything of it is in the page.
            if (await page.Locator($"[name^={Css(name + ".")}], [name^={Css(name + "@")}]").CountAsync() > 0)
            {
                return true;
            }

            await AddRowAsync(page, RowOf().Match(name).Groups["list"].Value);
            return false;
        }

        var inputs = page.Locator($"[name={Css(name)}]:not([type=hidden])");
        if (await inputs.CountAsync() == 0)
        {
            // A row mark, or a row not in the page yet: add it with the list's own button.
            if (await page.Locator($"input[type=hidden][name={Css(name)}]").CountAsync() > 0)
            {
                return true;
            }

            if (RowOf().Match(name) is { Success: true } row)
            {
                await AddRowAsync(page, row.Groups["list"].Value);
            }

            return false;
        }

        var first = inputs.First;
        var type = await first.EvaluateAsync<string>("e => e.tagName === 'INPUT' ? e.type : e.tagName.toLowerCase()");
        if (type is "radio" or "checkbox" or "select" && await first.IsDisabledAsync())
        {
            // A read-only choice (a const) is drawn disabled and posts its value from a hidden input: it must already hold the value.
            var held = await page.Locator($"input[type=hidden][name={Css(name)}]").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
            held.ShouldContain(value, $"the read-only {name} holds {string.Join(", ", held)}, not {value}");
            return true;
        }

        switch (type)
        {
            case "radio":
                var choice = page.Locator($"input[type=radio][name={Css(name)}][value={Css(value)}]");
                if (!await choice.IsVisibleAsync())
                {
                    return false;
                }

                await choice.CheckAsync();
                return true;
            case "checkbox":
                if (!await first.IsVisibleAsync())
                {
                    return false;
                }

                await first.SetCheckedAsync(value == "true");
                return true;
            case "select":
                if (!await first.IsVisibleAsync())
                {
                    return false;
                }

                await first.SelectOptionAsync(value);
                return true;
            default:
                if (!await first.IsVisibleAsync())
                {
                    return false;
                }

                await first.FillAsync(value);
                return true;
        }
    }

    private static async Task AddRowAsync(IPage page, string list)
    {
        var add = page.Locator($"button[name=add-row][value={Css(list)}]");
        if (await add.CountAsync() > 0 && await add.First.IsVisibleAsync())
        {
            await add.First.ClickAsync();
            await OpenEverythingAsync(page);
        }
    }

    /// <summary>A CSS string literal for an attribute selector.</summary>
    public static string Css(string text)
    {
        var css = new System.Text.StringBuilder("\"");
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' or '\\' => css.Append('\\').Append(c),
                < ' ' => css.Append('\\').Append(((int)c).ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append(' '),
                _ => css.Append(c),
            };
        }

        return css.Append('"').ToString();
    }

    private static List<Spec> ReadIndex()
    {
        var path = Path.Combine(BuildOutputs.RepoRoot, "tests", "Fixtures", "CorpusPlugin", "specs", "INDEX.json");
        var index = JsonNode.Parse(File.ReadAllText(path))!;
        return [.. index["specs"]!.AsArray().Select(s => new Spec(
            s!["accountType"]!.GetValue<string>(),
            s["title"]!.GetValue<string>(),
            s["file"]!.GetValue<string>()))];
    }

    [GeneratedRegex(@"^(?<list>.*)\[[0-9]+\][^\[\]]*$")]
    private static partial Regex RowOf();
}
