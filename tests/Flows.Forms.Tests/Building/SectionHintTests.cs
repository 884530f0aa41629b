namespace Flows.Forms.Tests.Building;

/// <summary><c>groups</c> / <c>group</c> as sections, <c>always_show</c>, and <c>multiline</c>, as published specs write them.</summary>
public sealed class SectionHintTests
{
    private static FormModel Model(string schema)
    {
        var built = SchemaFormBuilder.Build(schema);
        return built.Model.ShouldNotBeNull(string.Join("; ", built.Errors));
    }

    [Fact]
    public void FieldsWithAGroupId_AreUnderTheGroupsTitleInTheGroupsOrderThenByOrderWithin()
    {
        var model = Model("""
        { "type": "object",
          "groups": [ { "id": "db", "title": "Database" }, { "id": "auth", "title": "Authentication" }, { "id": "advanced" } ],
          "properties": {
            "password": { "type": "string", "group": "auth", "order": 2 },
            "retries": { "type": "integer", "group": "advanced" },
            "user": { "type": "string", "group": "auth", "order": 1 },
            "port": { "type": "integer", "group": "db", "order": 2 },
            "name": { "type": "string" },
            "host": { "type": "string", "group": "db", "order": 1 } } }
        """);

        model.Fields.Select(f => f.Name).ShouldBe(["name", "host", "port", "user", "password", "retries"]);
        model.Fields.Select(f => f.Section).ShouldBe([null, "Database", "Database", "Authentication", "Authentication", "Advanced"]);
    }

    [Fact]
    public void GroupAndXGroupStrings_WithoutAGroupsList_StillNameTheSectionAndKeepItsFieldsTogether()
    {
        var model = Model("""
        { "type": "object", "properties": {
            "a": { "type": "string", "x-group": "Connection" },
            "b": { "type": "string", "group": "Advanced" },
            "c": { "type": "string", "x-group": "Connection" } } }
        """);

        model.Fields.Select(f => (f.Name, f.Section)).ShouldBe([("a", "Connection"), ("c", "Connection"), ("b", "Advanced")]);
    }

    [Fact]
    public void AGroupIdWithNoTitleAnywhere_IsShownAsWords()
    {
        // Airbyte's GitHub source: "group": "auth" with no groups list at the root.
        var model = Model("""
        { "type": "object", "properties": {
            "credentials": { "type": "string", "group": "auth" },
            "api_url": { "type": "string", "group": "connection_settings" } } }
        """);

        model.Fields.Select(f => f.Section).ShouldBe(["Auth", "Connection settings"]);
    }

    [Fact]
    public void AlwaysShow_IsReadOnEveryKindOfField()
    {
        var model = Model("""
        { "type": "object", "properties": {
            "schemas": { "type": "array", "items": { "type": "string" }, "always_show": true },
            "ssl": { "type": "object", "always_show": true, "oneOf": [ { "title": "Off", "properties": { "mode": { "const": "off" } } } ] },
            "note": { "type": "string" } } }
        """);

        model.Fields.Single(f => f.Name == "schemas").AlwaysShow.ShouldBeTrue();
        model.Fields.Single(f => f.Name == "ssl").AlwaysShow.ShouldBeTrue();
        model.Fields.Single(f => f.Name == "note").AlwaysShow.ShouldBeFalse();
    }

    [Fact]
    public void AChooserWithAGroup_IsInThatSection()
    {
        var model = Model("""
        { "type": "object", "groups": [ { "id": "security", "title": "Security" } ], "properties": {
            "ssl_mode": { "type": "object", "group": "security", "oneOf": [ { "title": "Disable", "properties": { "mode": { "const": "disable" } } } ] } } }
        """);

        model.Fields.Single().Section.ShouldBe("Security");
    }

    [Fact]
    public void Multiline_IsAMultilineTextField()
    {
        var model = Model("""
        { "type": "object", "properties": { "ca_certificate": { "type": "string", "multiline": true, "airbyte_secret": true, "order": 1 } } }
        """);

        var field = model.Fields.Single();
        field.Format.ShouldBe(TextFormat.Multiline);
        field.Secret.ShouldBeTrue();
    }
}
