using System.Text.Json.Nodes;

namespace Flows.Forms;

/// <summary>
/// A form built from a JSON Schema: what to ask, in which order, with which hints. It holds no UI
/// types: the web page and the terminal prompts both draw from it.
/// </summary>
/// <param name="Title">The form's title (the schema's <c>title</c>), if any.</param>
/// <param name="Description">What the form is for (the schema's <c>description</c>), if any.</param>
/// <param name="Fields">The top-level fields, in the order they are asked.</param>
/// <param name="Notes">Things the builder could not express faithfully, for the form's author.</param>
public sealed record FormModel(string? Title, string? Description, IReadOnlyList<FormField> Fields, IReadOnlyList<string> Notes)
{
    /// <summary>Every field, depth first (groups, list item templates and variant fields included).</summary>
    public IEnumerable<FormField> AllFields() => Fields.SelectMany(f => f.SelfAndDescendants());
}

/// <summary>What kind of input a field needs.</summary>
public enum FieldKind
{
    /// <summary>A string; see <see cref="FormField.Format"/>.</summary>
    Text,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>Any number.</summary>
    Number,

    /// <summary>A checkbox.</summary>
    Boolean,

    /// <summary>One of fixed values (<see cref="FormField.Options"/>).</summary>
    Choice,

    /// <summary>Rows that can be added and removed; each is shaped by <see cref="FormField.Item"/>.</summary>
    List,

    /// <summary>A nested object: its <see cref="FormField.Fields"/>.</summary>
    Group,

    /// <summary>One of several shapes (e.g. auth methods): <see cref="FormField.Variants"/>.</summary>
    Variant,

    /// <summary>A subtree the form cannot express; edited as JSON text (<see cref="FormField.Note"/> says why).</summary>
    RawJson,
}

/// <summary>
/// How a field is drawn when something other than its kind's usual input is asked for (an rjsf
/// <c>ui:widget</c>). Widgets that change what a value means are not here: <c>textarea</c> is
/// <see cref="TextFormat.Multiline"/>, <c>password</c> a <see cref="FormField.Secret"/>, <c>hidden</c>
/// <see cref="FormField.Hidden"/>, <c>date</c>/<c>email</c>/<c>uri</c> a <see cref="TextFormat"/>.
/// </summary>
public enum FieldWidget
{
    /// <summary>The kind's usual input: a text box, a number box, a checkbox, a drop-down list, rows.</summary>
    Default,

    /// <summary>A choice (or a yes/no) as radio buttons.</summary>
    Radio,

    /// <summary>A yes/no as a drop-down list.</summary>
    Select,

    /// <summary>A list of distinct choices as one checkbox per choice.</summary>
    Checkboxes,

    /// <summary>A number as a slider between its minimum and maximum.</summary>
    Range,

    /// <summary>A text as a colour picker (<c>#rrggbb</c>).</summary>
    Color,
}

/// <summary>How a text field is entered and checked.</summary>
public enum TextFormat
{
    /// <summary>Any single line of text.</summary>
    Plain,

    /// <summary>Text of several lines (rjsf's <c>textarea</c>).</summary>
    Multiline,

    /// <summary>A URL (<c>uri</c>, <c>iri</c>, <c>uri-reference</c>).</summary>
    Uri,

    /// <summary>An e-mail address (<c>email</c>, <c>idn-email</c>).</summary>
    Email,

    /// <summary>A date, YYYY-MM-DD (<c>date</c>).</summary>
    Date,

    /// <summary>A date and time with its offset, such as 2025-01-31T09:30:00Z (<c>date-time</c>).</summary>
    DateTime,

    /// <summary>A time of day with its offset, such as 09:30:00Z (<c>time</c>).</summary>
    Time,

    /// <summary>A host name (<c>hostname</c>, <c>idn-hostname</c>).</summary>
    Hostname,

    /// <summary>An IPv4 address (<c>ipv4</c>).</summary>
    IPv4,

    /// <summary>An IPv6 address (<c>ipv6</c>).</summary>
    IPv6,

    /// <summary>A UUID (<c>uuid</c>).</summary>
    Uuid,
}

/// <summary>One input of a form (or a container of inputs).</summary>
public sealed record FormField
{
    /// <summary>The property name in its parent object (empty for list items and the root of a variant).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The field's name in a flat form post: properties joined with '.', list rows as <c>[0]</c>,
    /// a variant's fields under <c>@1</c>; for the item template of a list, the index is <c>[]</c>.
    /// Property names are escaped (see <see cref="FormPath"/>), so any name is safe.
    /// </summary>
    public required string Path { get; init; }

    /// <summary>Where the value lives in the JSON instance, as a JSON Pointer (<c>-</c> for a list row).</summary>
    public required string InstancePath { get; init; }

    /// <summary>What kind of input the field needs.</summary>
    public required FieldKind Kind { get; init; }

    /// <summary>The field's label: the schema's <c>title</c>, or else its property name in words.</summary>
    public required string Title { get; init; }

    /// <summary>What the field is for (the schema's <c>description</c>); may be Markdown or HTML (see <see cref="HelpMarkup"/>).</summary>
    public string? Help { get; init; }

    /// <summary>A value must be given (the property is in its object's <c>required</c>).</summary>
    public bool Required { get; init; }

    /// <summary>Fields whose presence makes this one required (<c>dependentRequired</c>), by path.</summary>
    public IReadOnlyList<string> RequiredWhenPresent { get; init; } = [];

    /// <summary>The schema's <c>default</c>: what the input starts with in a new form, and what a hidden or read-only field holds.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>An example value shown in an empty input (the first of <c>examples</c>).</summary>
    public string? Placeholder { get; init; }

    /// <summary>All of the schema's <c>examples</c>.</summary>
    public IReadOnlyList<JsonNode?> Examples { get; init; } = [];

    /// <summary>Not to be changed (<c>readOnly</c>): the input cannot be edited, and the field keeps its default when nothing is posted for it.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>A secret: masked, never shown back, never logged.</summary>
    public bool Secret { get; init; }

    /// <summary>
    /// Never shown nor asked (<c>hidden</c>, <c>x-hidden</c>, <c>airbyte_hidden</c>, or <c>readOnly</c> with a
    /// <c>const</c>); the binder saves its default and nothing else, whatever is posted.
    /// </summary>
    public bool Hidden { get; init; }

    /// <summary>The schema also allows <c>null</c> here.</summary>
    public bool Nullable { get; init; }

    /// <summary>For a <see cref="FieldKind.Text"/> field: how it is entered and checked (<c>format</c>).</summary>
    public TextFormat Format { get; init; }

    /// <summary>The regular expression a text must match (<c>pattern</c>).</summary>
    public string? Pattern { get; init; }

    /// <summary>What <see cref="Pattern"/> means, in words, for error messages.</summary>
    public string? PatternDescription { get; init; }

    /// <summary>The fewest characters a text may have (<c>minLength</c>).</summary>
    public int? MinLength { get; init; }

    /// <summary>The most characters a text may have (<c>maxLength</c>).</summary>
    public int? MaxLength { get; init; }

    /// <summary>The lowest number allowed (<c>minimum</c>, or <c>exclusiveMinimum</c>; see <see cref="ExclusiveMinimum"/>).</summary>
    public decimal? Minimum { get; init; }

    /// <summary>The highest number allowed (<c>maximum</c>, or <c>exclusiveMaximum</c>; see <see cref="ExclusiveMaximum"/>).</summary>
    public decimal? Maximum { get; init; }

    /// <summary>The number must be above <see cref="Minimum"/>, not equal to it.</summary>
    public bool ExclusiveMinimum { get; init; }

    /// <summary>The number must be below <see cref="Maximum"/>, not equal to it.</summary>
    public bool ExclusiveMaximum { get; init; }

    /// <summary>The fewest rows a list may have (<c>minItems</c>).</summary>
    public int? MinItems { get; init; }

    /// <summary>The most rows a list may have (<c>maxItems</c>).</summary>
    public int? MaxItems { get; init; }

    /// <summary>A list whose items must all differ (<c>uniqueItems</c>).</summary>
    public bool UniqueItems { get; init; }

    /// <summary>
    /// A list of distinct choices (an array of an enum's values, <c>uniqueItems</c>): drawn as one
    /// checkbox per choice rather than rows, as JSON-Schema form tools do.
    /// </summary>
    public bool IsChoiceSet => Kind == FieldKind.List && UniqueItems && Item is { Kind: FieldKind.Choice, Hidden: false, Options.Count: > 0 };

    /// <summary>The choices of a <see cref="FieldKind.Choice"/> field.</summary>
    public IReadOnlyList<ChoiceOption> Options { get; init; } = [];

    /// <summary>The template of one row of a <see cref="FieldKind.List"/>.</summary>
    public FormField? Item { get; init; }

    /// <summary>The children of a <see cref="FieldKind.Group"/>.</summary>
    public IReadOnlyList<FormField> Fields { get; init; } = [];

    /// <summary>
    /// A variant whose options' fields belong to the enclosing object itself (a <c>oneOf</c> next to
    /// <c>properties</c>), rather than to a property of their own.
    /// </summary>
    public bool Inline { get; init; }

    /// <summary>The shapes of a <see cref="FieldKind.Variant"/>.</summary>
    public IReadOnlyList<FormVariant> Variants { get; init; } = [];

    /// <summary>When set, the field is shown (and bound) only while the condition holds.</summary>
    public FieldCondition? VisibleWhen { get; init; }

    /// <summary>A heading the field is grouped under (<c>group</c> / <c>x-group</c>).</summary>
    public string? Section { get; init; }

    /// <summary>Shown even when optional (the <c>always_show</c> hint): never tucked under "Optional fields".</summary>
    public bool AlwaysShow { get; init; }

    /// <summary>How the field is drawn (<c>ui:widget</c>).</summary>
    public FieldWidget Widget { get; init; }

    /// <summary>Shown but not editable, and never taken from a post (<c>ui:disabled</c>): the stored value or the default stays.</summary>
    public bool Disabled { get; init; }

    /// <summary>Text shown below the input (<c>ui:help</c>), after <see cref="Help"/>, which describes the field.</summary>
    public string? Hint { get; init; }

    /// <summary>For a <see cref="FieldKind.List"/>: rows can be added (<c>ui:options.addable</c>).</summary>
    public bool Addable { get; init; } = true;

    /// <summary>For a <see cref="FieldKind.List"/>: rows can be removed (<c>ui:options.removable</c>).</summary>
    public bool Removable { get; init; } = true;

    /// <summary>For <see cref="FieldKind.RawJson"/>: why the subtree could not become a form.</summary>
    public string? Note { get; init; }

    /// <summary>This field, then every field inside it, depth first (group fields, variant fields, the list item template).</summary>
    public IEnumerable<FormField> SelfAndDescendants()
    {
        yield return this;
        var children = Fields
            .Concat(Variants.SelectMany(v => v.Fields))
            .Concat(Item is null ? [] : [Item]);
        foreach (var child in children.SelectMany(c => c.SelfAndDescendants()))
        {
            yield return child;
        }
    }
}

/// <summary>One choice: the JSON value it stands for, its label, and the key a form posts for it.</summary>
public sealed record ChoiceOption(JsonNode? Value, string Label, string Key);

/// <summary>One shape of a variant field.</summary>
/// <param name="Title">The option's name, as offered to choose.</param>
/// <param name="Description">What the option is for, if the schema says.</param>
/// <param name="Discriminator">The property whose <c>const</c> tells the variants apart, if there is one; it is filled in, not asked.</param>
/// <param name="DiscriminatorValue">The value <paramref name="Discriminator"/> takes for this option.</param>
/// <param name="Fields">The option's fields.</param>
public sealed record FormVariant(string Title, string? Description, string? Discriminator, JsonNode? DiscriminatorValue, IReadOnlyList<FormField> Fields)
{
    /// <summary>An option marked hidden: never offered, and never saved when posted.</summary>
    public bool Hidden { get; init; }
}

/// <summary>
/// "Show this field while the sibling <see cref="Property"/> (at <see cref="Path"/>) has one of
/// <see cref="Values"/>" — or, negated, has none of them.
/// </summary>
public sealed record FieldCondition(string Path, string Property, IReadOnlyList<JsonNode?> Values, bool Negated)
{
    /// <summary>Whether the condition holds when the sibling has <paramref name="value"/>.</summary>
    public bool HoldsFor(JsonNode? value)
    {
        var matches = Values.Any(v => JsonNode.DeepEquals(v, value));
        return Negated ? !matches : matches;
    }
}
