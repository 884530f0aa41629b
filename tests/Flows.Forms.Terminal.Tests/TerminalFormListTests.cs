namespace Flows.Forms.Terminal.Tests;

/// <summary>Lists in the terminal: rows added one after another, and lists whose rows cannot be added or removed.</summary>
public sealed class TerminalFormListTests
{
    private readonly TestConsole _console = TestForms.Console();

    private const string Tagged = """
        { "type": "object", "properties": {
            "tags": { "title": "Tags", "type": "array", "items": { "title": "Tag", "type": "string" } },
            "name": { "title": "Name", "type": "string" } } }
        """;

    private static readonly FormSchema Schema = TestForms.Load(Tagged);

    private static FormValues Stored(params string[] tags)
    {
        var values = new FormValues();
        for (var row = 0; row < tags.Length; row++)
        {
            values.Add(FormPath.ListItem("tags", row), tags[row]);
        }

        return values.Add("name", "n");
    }

    [Fact]
    public void AList_AsksForARowUntilNoMoreAreWanted()
    {
        _console.Input.PushTextWithEnter("y");
        _console.Input.PushTextWithEnter("alpha");
        _console.Input.PushTextWithEnter("y");
        _console.Input.PushTextWithEnter("beta");
        _console.Input.PushTextWithEnter("n");
        _console.Input.PushTextWithEnter("n");

        var values = new TerminalForm(_console).AskMissing(Schema.Model, new FormValues());

        Schema.Submit(values).Instance.ToJsonString().ShouldBe("""{"tags":["alpha","beta"],"name":"n"}""");
        _console.Output.ShouldContain("Add a row to Tags?");
        _console.Output.ShouldContain("Add another row to Tags?");
    }

    [Fact]
    public void AList_AsksNoMoreOnceItHoldsItsMaxItems()
    {
        var model = Schema.Model.WithField("tags", f => f with { MaxItems = 2 });
        _console.Input.PushTextWithEnter("y");
        _console.Input.PushTextWithEnter("alpha");
        _console.Input.PushTextWithEnter("y");
        _console.Input.PushTextWithEnter("beta");
        _console.Input.PushTextWithEnter("n");

        var values = new TerminalForm(_console).AskMissing(model, new FormValues());

        values.RowsOf("tags").Count.ShouldBe(2);
        values.Last("name").ShouldBe("n");
        _console.Output.Split("Add another row to Tags?").Length.ShouldBe(2, "asked once, after the first row");
    }

    [Fact]
    public void AListThatIsNotAddable_OnANewForm_OffersNoRow()
    {
        var model = Schema.Model.WithField("tags", f => f with { Addable = false });
        _console.Input.PushTextWithEnter("n");

        var values = new TerminalForm(_console).AskMissing(model, new FormValues());

        values.AnyUnder("tags").ShouldBeFalse();
        values.Last("name").ShouldBe("n");
        _console.Output.ShouldNotContain("row");
    }

    [Fact]
    public void AListThatIsNotAddable_AsksTheRowsItsMinimumNeeds_WithoutAskingWhetherToAddThem()
    {
        var model = Schema.Model.WithField("tags", f => f with { Addable = false, MinItems = 2 });
        _console.Input.PushTextWithEnter("alpha");
        _console.Input.PushTextWithEnter("beta");
        _console.Input.PushTextWithEnter("n");

        var values = new TerminalForm(_console).AskMissing(model, new FormValues());

        Schema.Submit(values).Instance.ToJsonString().ShouldBe("""{"tags":["alpha","beta"],"name":"n"}""");
        _console.Output.ShouldNotContain("Add");
    }

    [Fact]
    public void AListThatIsNotAddable_BeingEdited_OffersToKeepEachStoredRow_AndNeverToAddOne()
    {
        var model = Schema.Model.WithField("tags", f => f with { Addable = false });
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushTextWithEnter("n");
        _console.Input.PushKey(ConsoleKey.Enter);

        var values = new TerminalForm(_console).AskAll(model, Stored("alpha", "beta"));

        Schema.Submit(values).Instance.ToJsonString().ShouldBe("""{"tags":["alpha"],"name":"n"}""");
        _console.Output.ShouldContain("Keep row 1 of Tags?");
        _console.Output.ShouldContain("Keep row 2 of Tags?");
        _console.Output.ShouldNotContain("Add");
    }

    [Fact]
    public void AListThatIsNotRemovable_BeingEdited_KeepsEveryStoredRowWithoutAsking_AndOffersToAddMore()
    {
        var model = Schema.Model.WithField("tags", f => f with { Removable = false });
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushTextWithEnter("gamma");
        _console.Input.PushTextWithEnter("y");
        _console.Input.PushTextWithEnter("delta");
        _console.Input.PushTextWithEnter("n");
        _console.Input.PushKey(ConsoleKey.Enter);

        var values = new TerminalForm(_console).AskAll(model, Stored("alpha", "beta"));

        Schema.Submit(values).Instance.ToJsonString().ShouldBe("""{"tags":["alpha","gamma","delta"],"name":"n"}""");
        _console.Output.ShouldNotContain("Add a row");
        _console.Output.ShouldNotContain("Keep row");
        _console.Output.ShouldContain("Add another row to Tags?");
    }
}
