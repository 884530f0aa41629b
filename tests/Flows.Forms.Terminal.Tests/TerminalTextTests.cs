namespace Flows.Forms.Terminal.Tests;

/// <summary>Text from schemas, stored values and users reaches the terminal with what a terminal would act on made visible.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("Prod\r\nflows: ✔ Saved", @"Prod\r\nflows: ✔ Saved")]
    [InlineData("a\0b\tc", @"a\0b\tc")]
    [InlineData("\u001b[2J\u0007\u007f\u0085", @"\u001B[2J\u0007\u007F\u0085")]
    [InlineData("invoice\u202Efdp.exe", @"invoice\u202Efdp.exe")]
    [InlineData("\u2066x\u2069\u200E\u200F\u061C", @"\u2066x\u2069\u200E\u200F\u061C")]
    [InlineData("line\u2028next\u2029", @"line\u2028next\u2029")]
    public void Plain_ControlBidiAndSeparatorCharacters_AreShownAsEscapes(string text, string shown)
    {
        TerminalText.Plain(text).ShouldBe(shown);
    }

    [Fact]
    public void Plain_HalfOfASurrogatePair_IsShownAsAnEscapeAndAWholePairIsKept()
    {
        TerminalText.Plain("lone " + '\ud800' + " half " + '\udc00').ShouldBe(@"lone \uD800 half \uDC00");
        TerminalText.Plain("🚀").ShouldBe("🚀");
    }

    [Fact]
    public void Json_BidiControlsInsideStrings_BecomeJsonEscapesOfTheSameCharacters()
    {
        // As the relaxed serializer of --json writes them: as they are.
        const string json = "[\"a\u202Eb\u2028\"]";

        var escaped = TerminalText.Json(json);

        escaped.ShouldBe(@"[""a\u202Eb\u2028""]");
        System.Text.Json.JsonSerializer.Deserialize<string[]>(escaped)!.Single().ShouldBe("a\u202Eb\u2028");
    }

    [Theory]
    [InlineData("Café – Zürich")]
    [InlineData("데이터베이스 🚀 👩‍💻")]
    [InlineData("C:\\path\\u202E")]
    public void Plain_OrdinaryTextInAnyScript_IsUnchanged(string text)
    {
        TerminalText.Plain(text).ShouldBe(text);
    }

    [Fact]
    public void Markup_AlsoEscapesSpectreMarkup()
    {
        TerminalText.Markup("[red]x[/]\n").ShouldBe(@"[[red]]x[[/]]\n");
    }
}
