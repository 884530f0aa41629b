namespace Flows.Forms.Terminal.Tests;

/// <summary>What a uiSchema sets on a field, in the terminal: disabled fields, hints, and widgets that are a choice.</summary>
public sealed class TerminalFormUiOptionsTests
{
    private readonly TestConsole _console = TestForms.Console();

    private static readonly FormSchema Schema = TestForms.Load("""
        { "type": "object", "properties": {
            "region": { "title": "Region", "type": "string", "enum": ["eu", "us"], "default": "eu" },
            "name": { "title": "Name", "type": "string", "description": "What the account is called." },
            "tls": { "title": "Use TLS", "type": "boolean", "default": true } } }
        """);

    [Fact]
    public void ADisabledField_IsShownWithItsDefault_AndNeverAsked()
    {
        var model = Schema.Model.WithField("region", f => f with { Disabled = true });
        _console.Input.PushTextWithEnter("n");
        _console.Input.PushKey(ConsoleKey.Enter);

        var values = new TerminalForm(_console).AskMissing(model, new FormValues());

        values.Contains("region").ShouldBeFalse();
        values.Last("name").ShouldBe("n");
        _console.Output.ShouldContain("Region: eu (cannot be changed)");
    }

    [Fact]
    public void ADisabledField_BeingEdited_ShowsWhatIsStored()
    {
        var model = Schema.Model.WithField("region", f => f with { Disabled = true });
        var current = new FormValues().Add("region", "us").Add("name", "n").Add("tls", "true");
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);

        var values = new TerminalForm(_console).AskAll(model, current);

        values.Contains("region").ShouldBeFalse();
        _console.Output.ShouldContain("Region: us (cannot be changed)");
    }

    [Fact]
    public void ADisabledYesOrNo_IsShownInWords()
    {
        var model = Schema.Model.WithField("tls", f => f with { Disabled = true });
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushTextWithEnter("n");

        var values = new TerminalForm(_console).AskMissing(model, new FormValues());

        values.Contains("tls").ShouldBeFalse();
        _console.Output.ShouldContain("Use TLS: yes (cannot be changed)");
    }

    [Fact]
    public void AHint_IsShownAfterTheHelp_BeforeTheField()
    {
        var model = Schema.Model.WithField("name", f => f with { Hint = "Lower case, no spaces." });
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushTextWithEnter("n");
        _console.Input.PushKey(ConsoleKey.Enter);

        new TerminalForm(_console).AskMissing(model, new FormValues());

        var output = _console.Output;
        var help = output.IndexOf("What the account is called.", StringComparison.Ordinal);
        var hint = output.IndexOf("Lower case, no spaces.", StringComparison.Ordinal);
        help.ShouldBeGreaterThan(0);
        hint.ShouldBeGreaterThan(help);
        output.IndexOf("Name", hint, StringComparison.Ordinal).ShouldBeGreaterThan(hint);
    }

    [Theory]
    [InlineData(FieldWidget.Radio)]
    [InlineData(FieldWidget.Select)]
    public void AYesOrNoDrawnAsRadioButtonsOrAList_IsAChoiceOfYesAndNo(FieldWidget widget)
    {
        var model = Schema.Model.WithField("tls", f => f with { Widget = widget });
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushTextWithEnter("n");
        _console.Input.PushKey(ConsoleKey.DownArrow);
        _console.Input.PushKey(ConsoleKey.Enter);

        var values = new TerminalForm(_console).AskMissing(model, new FormValues());

        values.Last("tls").ShouldBe("false");
        _console.Output.ShouldContain("Yes");
        _console.Output.ShouldContain("No");
        _console.Output.ShouldNotContain("[y/n]");
    }
}
