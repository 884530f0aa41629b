using System.Text;
using static Flows.Web.Pages.Html;

namespace Flows.Web.Pages;

/// <summary>The frame around every screen: skip link, navigation, one stylesheet, one small script.</summary>
internal static class Layout
{
    public enum Section
    {
        None,
        Connectors,
        Plugins,
    }

    /// <param name="title">Plain text (encoded here).</param>
    /// <param name="body">HTML, already encoded by the screen.</param>
    public static string Render(string title, string body, Section current = Section.None, bool navigation = true)
    {
        var html = new StringBuilder(body.Length + 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" — Flows</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Assets.Url("flows.css")).Append("\">")
            .Append("<script src=\"").Append(Assets.Url("flows.js")).Append("\" defer></script>")
            .Append("</head><body><a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Append("<header class=\"top\"><a class=\"brand\" href=\"/\">Flows</a>");
        if (navigation)
        {
            html.Append("<nav aria-label=\"Main\"><ul>");
            NavItem(html, Routes.Connectors, "Connectors", current == Section.Connectors);
            NavItem(html, Routes.Plugins, "Plugins", current == Section.Plugins);
            html.Append("</ul></nav>");
        }

        html.Append("</header><main id=\"main\">").Append(body).Append("</main></body></html>");
        return html.ToString();
    }

    private static void NavItem(StringBuilder html, string href, string text, bool current) =>
        html.Append("<li><a href=\"").Append(href).Append('"').Append(current ? " aria-current=\"page\"" : string.Empty).Append('>')
            .Append(text).Append("</a></li>");
}
