namespace Flows.Forms.AspNetCore;

/// <summary>
/// How an object's fields are laid out: fields without a section first, then one block per section
/// in the order the model first names it; in each block, optional fields after the rest, tucked under
/// "Optional fields" when there are enough of them to make the form long.
/// </summary>
public static class FieldLayout
{
    /// <summary>Fewer optional fields than this stay in view: folding away one or two saves nothing and hides them.</summary>
    public const int FewestToCollapse = 3;

    /// <summary>The blocks one object's <paramref name="fields"/> are drawn in; hidden fields are left out.</summary>
    public static IReadOnlyList<FieldBlock> Arrange(IReadOnlyList<FieldAt> fields)
    {
        var shown = fields.Where(f => !f.Field.Hidden).ToList();

        // Fields without a section lead; the sections follow in the order they first appear.
        var sections = shown.Select(f => f.Field.Section).Distinct(StringComparer.Ordinal).OrderBy(s => s is null ? 0 : 1);
        return [.. sections.Select(section => Block(section, [.. shown.Where(f => f.Field.Section == section)]))];
    }

    private static FieldBlock Block(string? section, List<FieldAt> fields)
    {
        var optional = fields.Where(f => FieldText.IsOptional(f.Field) && !f.Field.AlwaysShow).ToList();
        return optional.Count >= FewestToCollapse
            ? new FieldBlock(section, [.. fields.Except(optional)], optional)
            : new FieldBlock(section, fields, []);
    }
}

/// <summary>One heading's fields (no heading when <see cref="Section"/> is null): those in view and those folded away.</summary>
public sealed record FieldBlock(string? Section, IReadOnlyList<FieldAt> InView, IReadOnlyList<FieldAt> Folded);
