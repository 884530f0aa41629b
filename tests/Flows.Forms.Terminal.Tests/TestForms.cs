namespace Flows.Forms.Terminal.Tests;

/// <summary>Forms for the tests: a schema loaded as a program would load it, and a field changed as a uiSchema would change it.</summary>
internal static class TestForms
{
    public static FormSchema Load(string schema)
    {
        var loaded = FormSchema.Load(schema);
        return loaded.Schema.ShouldNotBeNull(string.Join("; ", loaded.Errors));
    }

    /// <summary><paramref name="model"/> with its top-level field <paramref name="name"/> changed.</summary>
    public static FormModel WithField(this FormModel model, string name, Func<FormField, FormField> change)
    {
        model.Fields.ShouldContain(f => f.Name == name);
        return model with { Fields = [.. model.Fields.Select(f => f.Name == name ? change(f) : f)] };
    }

    public static TestConsole Console()
    {
        var console = new TestConsole();
        console.Interactive();
        console.Profile.Width = 200;
        return console;
    }
}
