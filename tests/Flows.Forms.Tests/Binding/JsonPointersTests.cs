namespace Flows.Forms.Tests.Binding;

/// <summary>
/// JSON Pointers as the forms read them (stored values, patterns, <c>$ref</c>), by RFC 6901: an empty
/// segment names the member called "".
/// </summary>
public sealed class JsonPointersTests
{
    private const string Values = """
    { "": "top-level secret", "a": { "": { "b": "nested secret" }, "b": "plain value" } }
    """;

    [Fact]
    public void TheEmptyPointer_IsTheWholeDocumentAndSlashIsTheMemberNamedEmpty()
    {
        var values = JsonNode.Parse(Values)!.AsObject();

        JsonPointers.Find(values, "").ShouldBeSameAs(values);
        JsonPointers.Find(values, "/")!.GetValue<string>().ShouldBe("top-level secret");
        JsonPointers.Segments("").ShouldBeEmpty();
        JsonPointers.Segments("/").ShouldBe([""]);
        JsonPointers.Segments("/a//b").ShouldBe(["a", "", "b"]);
    }

    [Theory]
    [InlineData("/a~1b/c~0d", new[] { "a/b", "c~d" })]
    [InlineData("/list/0/", new[] { "list", "0", "" })]
    public void Segments_AreUnescapedAndFormatWritesThemBack(string location, string[] segments)
    {
        JsonPointers.Segments(location).ShouldBe(segments);
        JsonPointers.Format(segments).ShouldBe(location);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("/a~2")]
    public void TextThatIsNotAPointer_LeadsNowhere(string text)
    {
        JsonPointers.Find(JsonNode.Parse(Values), text).ShouldBeNull();
        Should.Throw<ArgumentException>(() => JsonPointers.Segments(text));
    }

    [Theory]
    [InlineData("/list/1", "second")]
    [InlineData("/list/01", null)]
    [InlineData("/list/-", null)]
    [InlineData("/list/2", null)]
    public void AnArrayItem_IsNamedOnlyByAPlainIndexWithinTheArray(string location, string? expected)
    {
        var values = JsonNode.Parse("""{ "list": ["first", "second"] }""");

        JsonPointers.Find(values, location)?.GetValue<string>().ShouldBe(expected);
        (JsonPointers.Find(values, location) is null).ShouldBe(expected is null);
    }
}
