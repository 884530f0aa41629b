namespace Flows.Forms.Tests.Display;

/// <summary>A saved account read as nested entries: titles, chosen options, numbered rows, secrets only as "Set".</summary>
public sealed class FormOutlineTests
{
    private const string Postgres = """
    { "type": "object", "required": ["host"],
      "properties": {
        "host": { "title": "Host", "type": "string", "order": 0 },
        "port": { "title": "Port", "type": "integer", "order": 1 },
        "password": { "title": "Password", "type": "string", "airbyte_secret": true, "order": 2 },
        "legacy": { "title": "Legacy", "type": "string", "airbyte_hidden": true, "default": "x" },
        "ssl_mode": { "title": "SSL Modes", "type": "object", "order": 3,
          "oneOf": [
            { "title": "disable", "properties": { "mode": { "type": "string", "const": "disable" } } },
            { "title": "verify-ca", "required": ["ca_certificate"], "properties": {
                "mode": { "type": "string", "const": "verify-ca" },
                "ca_certificate": { "title": "CA Certificate", "type": "string", "airbyte_secret": true, "multiline": true },
                "client_key_password": { "title": "Client Key Password", "type": "string", "airbyte_secret": true } } } ] },
        "tunnel": { "title": "SSH Tunnel", "type": "object", "order": 4, "properties": {
            "user": { "title": "User", "type": "string" }, "use": { "title": "Use it", "type": "boolean" } } },
        "streams": { "title": "Streams", "type": "array", "order": 5, "items": { "type": "object", "properties": {
            "name": { "title": "Name", "type": "string" },
            "token": { "title": "Token", "type": "string", "writeOnly": true } } } },
        "replication": { "title": "Replication", "type": "string", "enum": ["cdc", "xmin"], "x-enumNames": ["Logical (CDC)", "Xmin"], "order": 6 } } }
    """;

    private static FormModel Model()
    {
        var built = SchemaFormBuilder.Build(Postgres);
        return built.Model.ShouldNotBeNull(string.Join("; ", built.Errors));
    }

    // "Label: value" lines, indented two spaces a level: how the tests read an outline.
    private static string Render(IReadOnlyList<OutlineEntry> entries, int depth = 0) =>
        string.Concat(entries.Select(e => $"{new string(' ', depth * 2)}{e.Label}:{(e.Value is null ? string.Empty : " " + e.Value)}\n{Render(e.Children, depth + 1)}"));

    [Fact]
    public void NestedValues_AreNestedEntriesWithTitlesTheChosenOptionAndNumberedRows()
    {
        var values = JsonNode.Parse("""
        { "host": "db.example.com", "port": 5432, "password": "hunter2", "legacy": "x",
          "ssl_mode": { "mode": "verify-ca", "ca_certificate": "-----BEGIN CERTIFICATE-----" },
          "tunnel": { "user": "me", "use": true },
          "streams": [ { "name": "orders", "token": "t0ps3cret" }, { "name": "users" } ],
          "replication": "cdc" }
        """)!.AsObject();

        var text = Render(FormOutline.Build(Model(), values));

        text.ShouldBe("""
        Host: db.example.com
        Port: 5432
        Password: Set
        SSL Modes: verify-ca
          CA Certificate: Set
          Client Key Password: Not set
        SSH Tunnel:
          User: me
          Use it: Yes
        Streams:
          1:
            Name: orders
            Token: Set
          2:
            Name: users
            Token: Not set
        Replication: Logical (CDC)

        """.Replace("\r\n", "\n", StringComparison.Ordinal));
        text.ShouldNotContain("hunter2");
        text.ShouldNotContain("BEGIN CERTIFICATE");
        text.ShouldNotContain("t0ps3cret");
    }

    [Fact]
    public void SecretsLeftOutOfTheValues_AreSetWhenTheStoreHoldsThemAtAnyDepth()
    {
        var values = JsonNode.Parse("""{ "host": "h", "ssl_mode": { "mode": "verify-ca" }, "streams": [ { "name": "orders" } ] }""")!.AsObject();

        var text = Render(FormOutline.Build(Model(), values, ["/password", "/ssl_mode/ca_certificate", "/streams/0/token"]));

        text.ShouldContain("Password: Set\n");
        text.ShouldContain("SSL Modes: verify-ca\n  CA Certificate: Set\n  Client Key Password: Not set\n");
        text.ShouldContain("    Token: Set\n");
    }

    [Fact]
    public void ValuesTheFormDoesNotKnow_AreListedUnderTheirJsonName()
    {
        var values = JsonNode.Parse("""{ "host": "h", "extra": { "a": [1, "two"] }, "ssl_mode": { "mode": "disable", "old_flag": false } }""")!.AsObject();

        var text = Render(FormOutline.Build(Model(), values));

        text.ShouldContain("SSL Modes: disable\n  old_flag: No\n");
        text.ShouldContain("extra:\n  a:\n    1: 1\n    2: two\n");
    }

    [Fact]
    public void HiddenFields_AreLeftOutAsInTheForm()
    {
        var values = JsonNode.Parse("""{ "host": "h", "legacy": "x" }""")!.AsObject();

        Render(FormOutline.Build(Model(), values)).ShouldBe("Host: h\nPassword: Not set\n");
    }

    [Fact]
    public void AnInlineChooser_ShowsTheChosenOptionAndItsFields()
    {
        var built = SchemaFormBuilder.Build("""
        { "type": "object", "properties": { "site": { "type": "string" } },
          "oneOf": [
            { "title": "Password", "properties": { "auth": { "const": "password" }, "user": { "type": "string" }, "pass": { "type": "string", "writeOnly": true } } },
            { "title": "Token", "properties": { "auth": { "const": "token" }, "token": { "type": "string", "writeOnly": true } } } ] }
        """);
        var model = built.Model.ShouldNotBeNull();

        var text = Render(FormOutline.Build(model, JsonNode.Parse("""{ "site": "s", "auth": "token", "token": "abc" }""")!.AsObject()));

        text.ShouldBe("Site: s\nType: Token\n  Token: Set\n");
    }
}
