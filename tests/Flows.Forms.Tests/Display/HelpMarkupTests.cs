using System.Text.RegularExpressions;

namespace Flows.Forms.Tests.Display;

/// <summary>Help text from published specs (Markdown and HTML) as safe HTML and as terminal text.</summary>
public sealed class HelpMarkupTests
{
    private const string Jdbc = "Additional properties to pass to the JDBC URL string when connecting to the database formatted as 'key=value' pairs separated by the symbol '&'. (example: key1=value1&key2=value2&key3=value3). For more information read about <a href=\"https://jdbc.postgresql.org/documentation/head/connect.html\">JDBC URL parameters</a>.";

    [Fact]
    public void AnHtmlLinkFromAPublishedSpec_BecomesALinkThatOpensApartFromThePage()
    {
        var html = HelpMarkup.ToHtml(Jdbc);

        html.ShouldContain("<a href=\"https://jdbc.postgresql.org/documentation/head/connect.html\" rel=\"noopener noreferrer\" target=\"_blank\">JDBC URL parameters</a>");
        html.ShouldContain("key1=value1&amp;key2=value2");
        html.ShouldStartWith("<p>");
    }

    [Fact]
    public void MarkdownLinksEmphasisCodeAndLists_AreRendered()
    {
        var html = HelpMarkup.ToHtml("See [the docs](https://docs.example.com/a?b=1&c=2) for **bold** and *soft* `code`.\n\n- one\n- two\n\n1. first\n2. second");

        html.ShouldContain("<a href=\"https://docs.example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer\" target=\"_blank\">the docs</a>");
        html.ShouldContain("<strong>bold</strong>");
        html.ShouldContain("<em>soft</em>");
        html.ShouldContain("<code>code</code>");
        html.ShouldContain("<ul>");
        html.ShouldContain("<li>one</li>");
        html.ShouldContain("<ol>");
        html.ShouldContain("<li>second</li>");
    }

    [Fact]
    public void HtmlBoldItalicAndBreaks_AreKeptAsTheAllowedElements()
    {
        HelpMarkup.ToHtml("Leave blank for <b>UTF8</b>.<br>Then <i>wait</i>.").ShouldBe("<p>Leave blank for <strong>UTF8</strong>.<br>Then <em>wait</em>.</p>");
    }

    [Fact]
    public void MailtoLinks_AreKept()
    {
        HelpMarkup.ToHtml("Write to <a href=\"mailto:help@example.com\">support</a>.").ShouldContain("href=\"mailto:help@example.com\"");
    }

    [Theory]
    [InlineData("Hi <script>alert(1)</script> there")]
    [InlineData("Hi <SCRIPT SRC=//evil.example/x.js></SCRIPT> there")]
    [InlineData("Hi <img src=x onerror=alert(1)> there")]
    [InlineData("Hi <svg onload=alert(1)><script>alert(1)</script></svg> there")]
    [InlineData("Hi <iframe src=\"https://evil.example\"></iframe> there")]
    [InlineData("Hi <style>body{display:none}</style> there")]
    [InlineData("Hi <p onclick=\"alert(1)\" style=\"color:red\">there</p>")]
    [InlineData("Hi <a href=\"https://ok.example\" onmouseover=\"alert(1)\">there</a>")]
    [InlineData("Hi <form action=\"https://evil.example\"><input name=x><button>there</button></form>")]
    [InlineData("Hi <math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math> there")]
    [InlineData("Hi <noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript> there")]
    public void HostileMarkup_LeavesNoScriptHandlerStyleOrFrame(string help)
    {
        var html = HelpMarkup.ToHtml(help);

        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("onerror", Case.Insensitive);
        html.ShouldNotContain("onload", Case.Insensitive);
        html.ShouldNotContain("onclick", Case.Insensitive);
        html.ShouldNotContain("onmouseover", Case.Insensitive);
        html.ShouldNotContain("style", Case.Insensitive);
        html.ShouldNotContain("<iframe", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("<svg", Case.Insensitive);
        html.ShouldNotContain("<form", Case.Insensitive);
        html.ShouldNotContain("<input", Case.Insensitive);
        html.ShouldNotContain("alert(1)</", Case.Insensitive);
        html.ShouldContain("Hi");
    }

    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">click</a>")]
    [InlineData("<a href=\"jav&#x61;script:alert(1)\">click</a>")]
    [InlineData("<a href=\"java\tscript:alert(1)\">click</a>")]
    [InlineData("<a href=\" javascript:alert(1)\">click</a>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<a href=\"data:text/html,<script>alert(1)</script>\">click</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">click</a>")]
    [InlineData("<a href=\"file:///etc/passwd\">click</a>")]
    public void LinksToAnythingButHttpHttpsOrMailto_LoseTheirAddressAndStayText(string help)
    {
        var html = HelpMarkup.ToHtml(help);

        html.ShouldBe("<p>click</p>");
    }

    [Fact]
    public void EncodedTags_StayText()
    {
        var html = HelpMarkup.ToHtml("Use &lt;script&gt;alert(1)&lt;/script&gt; and a < b > c & d.");

        html.ShouldNotContain("<script");
        html.ShouldContain("&lt;script&gt;");
        html.ShouldContain("a &lt; b &gt; c &amp; d");
    }

    [Fact]
    public void BrokenAndNestedTags_AreClosedAndStayInsideTheHelp()
    {
        var html = HelpMarkup.ToHtml("<a href=\"https://x.example\"><b>unclosed <i>deep</p></div></td> end");

        html.ShouldContain("<a href=\"https://x.example\" rel=\"noopener noreferrer\" target=\"_blank\"><strong>unclosed <em>deep");
        html.ShouldNotContain("</div>");
        html.ShouldNotContain("</td>");
        html.Count(c => c == '<').ShouldBe(html.Count(c => c == '>'));
    }

    [Fact]
    public void ListItemsWrittenWithoutTheirList_AreGatheredIntoOne()
    {
        // Airbyte's MySQL source, SSL modes: items with no <ul>, then a stray </ul>.
        var html = HelpMarkup.ToHtml("SSL connection modes. <li><b>preferred</b> - Attempt SSL.</li><li><b>required</b> - Always SSL.</li> <li>verify-ca</li></ul>Read more <a href=\"https://dev.mysql.com/doc/\"> in the docs</a>.");

        html.ShouldStartWith("<p>SSL connection modes. </p><ul><li><strong>preferred</strong> - Attempt SSL.</li><li><strong>required</strong> - Always SSL.</li><li>verify-ca</li></ul>");
        html.ShouldContain("Read more <a href=\"https://dev.mysql.com/doc/\"");
        Regex.Count(html, "<ul>").ShouldBe(1);
        html.ShouldNotContain("<p></p>");
        HelpMarkup.ToText("Modes: <li>one</li><li>two</li>").ShouldBe("Modes:\n\n- one\n- two");
    }

    [Fact]
    public void ATargetGivenByTheSpec_IsReplacedAndRelIsAlwaysSet()
    {
        var html = HelpMarkup.ToHtml("See <a href=\"https://docs.python.org/3/library/codecs.html\" target=\"_top\" rel=\"opener\">list of python encodings</a>");

        html.ShouldContain("rel=\"noopener noreferrer\" target=\"_blank\"");
        html.ShouldNotContain("_top");
        html.ShouldNotContain("\"opener\"");
    }

    [Fact]
    public void PlainHelp_IsOneEncodedParagraph()
    {
        HelpMarkup.ToHtml("The host name of the service.").ShouldBe("<p>The host name of the service.</p>");
        HelpMarkup.ToHtml("   ").ShouldBe(string.Empty);
    }

    [Fact]
    public void ToText_ShowsLinksAsTextAndAddress()
    {
        HelpMarkup.ToText(Jdbc).ShouldEndWith("read about JDBC URL parameters (https://jdbc.postgresql.org/documentation/head/connect.html).");
        HelpMarkup.ToText("See [docs](https://docs.example.com) or https://example.com.").ShouldBe("See docs (https://docs.example.com) or https://example.com.");
    }

    [Fact]
    public void ToText_RemovesMarkupKeepsEntitiesReadableAndPutsListItemsOnTheirOwnLines()
    {
        HelpMarkup.ToText("Leave blank for <strong>UTF8</strong> &amp; **more**:\n\n- one\n- `two`")
            .ShouldBe("Leave blank for UTF8 & more:\n\n- one\n- two");
        HelpMarkup.ToText("1. first\n2. second").ShouldBe("1. first\n2. second");
    }

    [Fact]
    public void ToText_DropsScriptsAndTheirContent()
    {
        HelpMarkup.ToText("Hi <script>alert(1)</script>there <a href=\"javascript:alert(1)\">click</a>").ShouldBe("Hi there click");
    }

    [Fact]
    public void HasMarkup_TellsMarkupFromPlainText()
    {
        HelpMarkup.HasMarkup("The host name of the service.").ShouldBeFalse();
        HelpMarkup.HasMarkup("Name of the S3 bucket where the file(s) exist.").ShouldBeFalse();
        HelpMarkup.HasMarkup("A & B, 1 < 2.").ShouldBeFalse();
        HelpMarkup.HasMarkup("First paragraph.\n\nSecond one,\nwrapped.").ShouldBeFalse();
        HelpMarkup.HasMarkup(Jdbc).ShouldBeTrue();
        HelpMarkup.HasMarkup("See [docs](https://docs.example.com).").ShouldBeTrue();
        HelpMarkup.HasMarkup(null).ShouldBeFalse();
    }
}
