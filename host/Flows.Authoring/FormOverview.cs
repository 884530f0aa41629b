using Flows.Forms;

namespace Flows.Authoring;

/// <summary>
/// What people filling a form will see of it, for its author (<c>flows forms check</c>): the parts
/// that are hidden, the sections and how many fields each holds, how many optional fields start
/// tucked under "Optional fields", and which help texts carry markup (links, emphasis, lists).
/// </summary>
/// <param name="Hidden">Post names of the hidden parts (the outermost one of each hidden subtree; an option as <c>path@n</c>).</param>
/// <param name="Sections">Each section heading with the number of fields under it, in the order shown.</param>
/// <param name="CollapsedOptional">Optional fields shown only under "Optional fields" (not <c>always_show</c>), not counting fields inside them.</param>
/// <param name="HelpWithMarkup">Post names of the fields (and options) whose help is Markdown or HTML; "(top level)" for the form's own description.</param>
public sealed record FormOverview(
    IReadOnlyList<string> Hidden,
    IReadOnlyList<FormSection> Sections,
    int CollapsedOptional,
    IReadOnlyList<string> HelpWithMarkup)
{
    public const string TopLevel = "(top level)";

    public static FormOverview Of(FormModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var walk = new Walk();
        if (HelpMarkup.HasMarkup(model.Description))
        {
            walk.Markup.Add(TopLevel);
        }

        walk.Fields(model.Fields, collapsed: false);
        var sections = walk.Sections.Select(s => new FormSection(s.Key, s.Value)).ToList();
        return new FormOverview(walk.Hidden, sections, walk.Collapsed, walk.Markup);
    }

    /// <summary>Whether a field starts under "Optional fields": optional, shown, and not marked <c>always_show</c>.</summary>
    public static bool StartsCollapsed(FormField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return !field.Required && !field.AlwaysShow && !field.Hidden && !field.Inline && field.RequiredWhenPresent.Count == 0;
    }

    private sealed class Walk
    {
        public List<string> Hidden { get; } = [];

        public List<string> Markup { get; } = [];

        // Insertion order is the order sections are shown in.
        public OrderedDictionary<string, int> Sections { get; } = new(StringComparer.Ordinal);

        public int Collapsed { get; private set; }

        public void Fields(IEnumerable<FormField> fields, bool collapsed)
        {
            foreach (var field in fields)
            {
                Field(field, collapsed);
            }
        }

        private void Field(FormField field, bool collapsed)
        {
            var name = field.Path.Length == 0 ? TopLevel : field.Path;
            if (field.Hidden)
            {
                Hidden.Add(name);
                return;
            }

            if (field.Section is { } section)
            {
                Sections[section] = Sections.GetValueOrDefault(section) + 1;
            }

            if (HelpMarkup.HasMarkup(field.Help))
            {
                Markup.Add(name);
            }

            var inside = collapsed;
            if (!collapsed && StartsCollapsed(field))
            {
                Collapsed++;
                inside = true;
            }

            Fields(field.Fields, inside);
            if (field.Item is { } item)
            {
                Fields([item], collapsed: true);
            }

            for (var i = 0; i < field.Variants.Count; i++)
            {
                var variant = field.Variants[i];
                var option = FormPath.VariantRoot(field.Path, i);
                if (variant.Hidden)
                {
                    Hidden.Add(option);
                    continue;
                }

                if (HelpMarkup.HasMarkup(variant.Description))
                {
                    Markup.Add(option);
                }

                Fields(variant.Fields, inside);
            }
        }
    }
}

/// <summary>A section heading and how many fields are shown under it.</summary>
public sealed record FormSection(string Name, int Fields);
