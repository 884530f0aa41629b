using System.Text.Json.Nodes;

namespace Flows.Forms.Terminal.Tests;

/// <summary>A form asked in the terminal with nothing of Flows around it: a schema, the prompts, the JSON.</summary>
public sealed class TerminalFormTests
{
    private readonly TestConsole _console = TestForms.Console();

    private const string Connection = """
        { "type": "object", "required": ["host", "port"], "properties": {
            "host": { "title": "Host", "type": "string", "description": "The host name of the database." },
            "port": { "title": "Port", "type": "integer", "default": 5432, "maximum": 65535 },
            "tls": { "title": "Use TLS", "type": "boolean", "default": true },
            "mode": { "title": "Mode", "type": "string", "enum": ["read", "write"] } } }
        """;

    [Fact]
    public void APlainSchema_IsAskedInOrderWithItsHelpAndDefaults_AndSubmitsAsJson()
    {
        var schema = TestForms.Load(Connection);
        _console.Input.PushTextWithEnter("db.example.com");
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.DownArrow);
        _console.Input.PushKey(ConsoleKey.Enter);

        var values = new TerminalForm(_console).AskMissing(schema.Model, new FormValues());

        var submission = schema.Submit(values);
        submission.IsValid.ShouldBeTrue(string.Join("; ", submission.Errors.All()));
        submission.Instance.ToJsonString().ShouldBe("""{"host":"db.example.com","port":5432,"tls":true,"mode":"write"}""");
        var output = _console.Output;
        output.IndexOf("The host name of the database.", StringComparison.Ordinal).ShouldBeLessThan(output.IndexOf("Host", StringComparison.Ordinal));
        output.IndexOf("Host", StringComparison.Ordinal).ShouldBeLessThan(output.IndexOf("Port", StringComparison.Ordinal));
        output.IndexOf("Port", StringComparison.Ordinal).ShouldBeLessThan(output.IndexOf("Use TLS", StringComparison.Ordinal));
        output.IndexOf("Use TLS", StringComparison.Ordinal).ShouldBeLessThan(output.IndexOf("Mode", StringComparison.Ordinal));
    }

    [Fact]
    public void AnswersAlreadyGiven_AreNotAskedAgain()
    {
        var schema = TestForms.Load(Connection);
        var given = new FormValues().Add("host", "given.example.com").Add("tls", "false").Add("mode", "read");
        _console.Input.PushTextWithEnter("6432");

        var values = new TerminalForm(_console).AskMissing(schema.Model, given);

        schema.Submit(values).Instance.ToJsonString().ShouldBe("""{"host":"given.example.com","port":6432,"tls":false,"mode":"read"}""");
        _console.Output.ShouldNotContain("Host");
        _console.Output.ShouldNotContain("Use TLS");
    }

    [Fact]
    public void ARefusedAnswer_IsShownWithWhatIsWrong_AndOnlyThatFieldIsAskedAgain()
    {
        var schema = TestForms.Load(Connection);
        var form = new TerminalForm(_console);
        _console.Input.PushTextWithEnter("db.example.com");
        _console.Input.PushTextWithEnter("70000");
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);
        var asked = form.AskMissing(schema.Model, new FormValues());
        var refused = schema.Submit(asked);
        var why = refused.Errors.Fields.ShouldHaveSingleItem();
        why.Key.ShouldBe("port");
        _console.Input.PushTextWithEnter("5432");

        var values = form.AskAgain(schema.Model, asked, refused.Errors);

        _console.Output.ShouldContain(why.Value[0]);
        schema.Submit(values).Instance.ToJsonString().ShouldBe("""{"host":"db.example.com","port":5432,"tls":true,"mode":"read"}""");
    }

    private const string Login = """
        { "type": "object", "required": ["user", "password"], "properties": {
            "user": { "title": "User", "type": "string" },
            "password": { "title": "Password", "type": "string", "airbyte_secret": true } } }
        """;

    [Fact]
    public void ASecret_IsMaskedAsItIsTyped_AndNeverShown()
    {
        var schema = TestForms.Load(Login);
        _console.Input.PushTextWithEnter("me");
        _console.Input.PushTextWithEnter("hunter2-typed");

        var values = new TerminalForm(_console).AskMissing(schema.Model, new FormValues());

        schema.Submit(values).Instance["password"]!.GetValue<string>().ShouldBe("hunter2-typed");
        _console.Output.ShouldNotContain("hunter2-typed");
    }

    [Fact]
    public void AStoredSecret_IsSaidToBeSet_AndLeavingItEmptyKeepsIt()
    {
        var schema = TestForms.Load(Login);
        var stored = JsonNode.Parse("""{ "user": "me", "password": "stored-secret" }""")!.AsObject();
        var current = FormBinder.Unbind(schema.Model, stored);
        var form = new TerminalForm(_console) { StoredSecrets = FormBinder.StoredSecrets(schema.Model, stored).ToHashSet() };
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);

        var values = form.AskAll(schema.Model, current);

        schema.Submit(values, stored).Instance.ToJsonString().ShouldBe("""{"user":"me","password":"stored-secret"}""");
        _console.Output.ShouldContain("(me)", customMessage: "the stored user is offered as the default");
        _console.Output.ShouldContain("set — leave empty to keep");
        _console.Output.ShouldNotContain("stored-secret");
    }

    [Fact]
    public void AStoredSecret_IsReplacedByTypingANewOne()
    {
        var schema = TestForms.Load(Login);
        var stored = JsonNode.Parse("""{ "user": "me", "password": "stored-secret" }""")!.AsObject();
        var form = new TerminalForm(_console) { StoredSecrets = FormBinder.StoredSecrets(schema.Model, stored).ToHashSet() };
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushTextWithEnter("new-secret");

        var values = form.AskAll(schema.Model, FormBinder.Unbind(schema.Model, stored));

        schema.Submit(values, stored).Instance["password"]!.GetValue<string>().ShouldBe("new-secret");
        _console.Output.ShouldNotContain("new-secret");
    }

    [Fact]
    public void SchemaText_IsShownLiterally_NeverAsMarkupOrEscapeSequences()
    {
        var schema = TestForms.Load("""
            { "type": "object", "properties": {
                "host": { "title": "[red]Host[/]", "type": "string", "description": "Clears \u001b[2J the screen" } } }
            """);
        _console.Input.PushTextWithEnter("x");

        new TerminalForm(_console).AskMissing(schema.Model, new FormValues());

        _console.Output.ShouldContain("[red]Host[/]");
        _console.Output.ShouldNotContain("\u001b[2J");
    }
}
