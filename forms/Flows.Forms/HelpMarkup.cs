using System.Collections.Concurrent;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using Markdig;

namespace Flows.Forms;

/// <summary>
/// Help text from schemas (descriptions), which published specs write in Markdown, in HTML,
/// or both (<c>read about &lt;a href="…"&gt;JDBC URL parameters&lt;/a&gt;</c>, <c>[docs](https://…)</c>).
/// Markdig turns the Markdown into HTML with the author's HTML left in place; HtmlSanitizer then keeps
/// only a small allow-list, so a schema can link and emphasise but never script, style or frame the page.
/// The sanitizer is used rather than Markdig with raw HTML off because the specs' own HTML links are
/// what users need most, and a parser-based allow-list is safer than converting tags by hand.
/// </summary>
public static class HelpMarkup
{
    /// <summary>The only elements help may keep; any other element is dropped and its text kept.</summary>
    public static readonly IReadOnlySet<string> AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "a", "p", "em", "strong", "code", "ul", "ol", "li", "br",
    };

    // Elements whose content is code or chrome, not prose: dropped with everything inside them.
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "noscript", "noembed", "noframes",
        "textarea", "select", "title", "head", "svg", "math", "xmp", "plaintext", "applet", "audio", "video", "canvas",
    };

    // Common spellings of the allowed elements, kept as what they mean.
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b"] = "strong",
        ["i"] = "em",
        ["tt"] = "code",
        ["kbd"] = "code",
        ["samp"] = "code",
    };

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAutoLinks().Build();

    private static readonly HtmlParser Parser = new();

    // Help comes from loaded schemas, so the same texts are drawn again and again (every edit page, every
    // refused post) and sanitising one costs tens of microseconds. Bounded, so distinct texts cannot
    // grow it without end.
    private const int MostRemembered = 4096;
    private static readonly ConcurrentDictionary<string, string> Remembered = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="help"/> holds Markdown or HTML that <see cref="ToHtml"/> would render.</summary>
    public static bool HasMarkup(string? help) =>
        !string.IsNullOrWhiteSpace(help) && !string.Equals(Flat(ToText(help)), Flat(help), StringComparison.Ordinal);

    // Line breaks and runs of spaces do not count as markup: plain paragraphs read the same.
    private static string Flat(string text) => PlainText.Collapse(text.Replace('\r', ' ').Replace('\n', ' ')).Trim();

    /// <summary>Safe HTML for a help text: only the allowed elements, links to http, https and mailto only, opened apart from the page.</summary>
    public static string ToHtml(string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        if (Remembered.TryGetValue(help, out var html))
        {
            return html;
        }

        html = Render(help);
        if (Remembered.Count >= MostRemembered)
        {
            Remembered.Clear();
        }

        Remembered[help] = html;
        return html;
    }

    private static string Render(string help)
    {
        if (help.Trim().Length == 0)
        {
            return string.Empty;
        }

        var markdown = Markdown.ToHtml(help, Pipeline);
        using var document = Parser.ParseDocument($"<!DOCTYPE html><html><body>{markdown}</body></html>");
        var body = document.Body!;
        Prepare(body);
        Sanitizer().SanitizeDom(document, body);
        ListOrphanItems(body);
        DropEmptyParagraphs(body);
        FinishLinks(body);
        return body.InnerHtml.Trim();
    }

    /// <summary>Plain text for a terminal: markup removed, a link shown as "text (URL)", list items on their own lines.</summary>
    public static string ToText(string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        var html = ToHtml(help);
        if (html.Length == 0)
        {
            return string.Empty;
        }

        using var document = Parser.ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        var text = new PlainText();
        text.Write(document.Body!);
        return text.ToString();
    }

    private static HtmlSanitizer Sanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        })
        {
            KeepChildNodes = true,
            AllowDataAttributes = false,
        };
        return sanitizer;
    }

    // Before the allow-list: drop code-like elements whole, and rename synonyms so their emphasis survives.
    private static void Prepare(IElement root)
    {
        foreach (var element in root.QuerySelectorAll("*").ToList())
        {
            if (DroppedWithContent.Contains(element.LocalName))
            {
                element.Remove();
            }
        }

        foreach (var element in root.QuerySelectorAll("*").ToList())
        {
            if (Synonyms.TryGetValue(element.LocalName, out var meaning))
            {
                var replacement = element.Owner!.CreateElement(meaning);
                while (element.FirstChild is { } child)
                {
                    replacement.AppendChild(child);
                }

                element.Replace(replacement);
            }
        }
    }

    // After it: list items written without their list (published specs do: "modes: <li>…</li><li>…</li>")
    // are put in one, so their bullets sit inside the help instead of hanging outside it.
    private static void ListOrphanItems(IElement root)
    {
        foreach (var item in root.QuerySelectorAll("li").ToList())
        {
            if (item.ParentElement is { LocalName: "ul" or "ol" })
            {
                continue;
            }

            var list = item.Owner!.CreateElement("ul");
            item.Parent!.InsertBefore(list, item);
            list.AppendChild(item);
            while (NextItem(list) is { } next)
            {
                list.AppendChild(next);
            }
        }
    }

    // A stray closing tag leaves an empty paragraph behind: it would only add space.
    private static void DropEmptyParagraphs(IElement root)
    {
        foreach (var paragraph in root.QuerySelectorAll("p").Where(p => p.ChildNodes.Length == 0).ToList())
        {
            paragraph.Remove();
        }
    }

    // The list item straight after a node, with only white space between them.
    private static IElement? NextItem(INode node)
    {
        var next = node.NextSibling;
        while (next is IText { Data: var text } && string.IsNullOrWhiteSpace(text))
        {
            next = next.NextSibling;
        }

        return next is IElement { LocalName: "li" } item ? item : null;
    }

    // After it: a link that lost its address is plain text; every other opens in its own tab, telling it nothing.
    private static void FinishLinks(IElement root)
    {
        foreach (var link in root.QuerySelectorAll("a").OfType<IHtmlAnchorElement>().ToList())
        {
            var href = link.GetAttribute("href");
            if (string.IsNullOrWhiteSpace(href))
            {
                var parent = link.Parent!;
                while (link.FirstChild is { } child)
                {
                    parent.InsertBefore(child, link);
                }

                link.Remove();
                continue;
            }

            link.SetAttribute("rel", "noopener noreferrer");
            link.SetAttribute("target", "_blank");
        }
    }

    /// <summary>Writes sanitized help as terminal text.</summary>
    private sealed class PlainText
    {
        private readonly StringBuilder _text = new();

        public override string ToString()
        {
            var lines = _text.ToString().Split('\n').Select(l => Collapse(l).Trim());
            var result = new StringBuilder();
            var blank = false;
            foreach (var line in lines)
            {
                if (line.Length == 0)
                {
                    blank = result.Length > 0;
                    continue;
                }

                if (result.Length > 0)
                {
                    result.Append(blank ? "\n\n" : "\n");
                }

                result.Append(line);
                blank = false;
            }

            return result.ToString();
        }

        public void Write(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text when node is IElement { LocalName: "ul" or "ol" } && string.IsNullOrWhiteSpace(text.Data):
                        break;
                    case IText text:
                        _text.Append(text.Data.Replace('\n', ' '));
                        break;
                    case IHtmlAnchorElement link:
                        var label = link.TextContent.Trim();
                        var href = link.GetAttribute("href") ?? string.Empty;
                        var address = href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? href["mailto:".Length..] : href;
                        _text.Append(label.Length == 0 || label == href || label == address ? href : $"{label} ({href})");
                        break;
                    case IElement { LocalName: "br" }:
                        _text.Append('\n');
                        break;
                    case IElement { LocalName: "p" } paragraph:
                        _text.Append("\n\n");
                        Write(paragraph);
                        _text.Append("\n\n");
                        break;
                    case IElement { LocalName: "li" } item:
                        _text.Append('\n').Append(item.ParentElement is { LocalName: "ol" } numbered ? $"{numbered.Children.Index(item) + 1}. " : "- ");
                        Write(item);
                        break;
                    case IElement { LocalName: "ul" or "ol" } list:
                        _text.Append('\n');
                        Write(list);
                        _text.Append('\n');
                        break;
                    case IElement element:
                        Write(element);
                        break;
                }
            }
        }

        public static string Collapse(string line)
        {
            var builder = new StringBuilder(line.Length);
            foreach (var c in line)
            {
                if (char.IsWhiteSpace(c) && builder.Length > 0 && builder[^1] == ' ')
                {
                    continue;
                }

                builder.Append(char.IsWhiteSpace(c) ? ' ' : c);
            }

            return builder.ToString();
        }
    }
}
