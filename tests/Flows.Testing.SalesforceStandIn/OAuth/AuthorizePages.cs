using System.Net;
using System.Text;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>
/// The authorize pages as HTML without JavaScript: a real form a browser submits and a plain HTTP
/// client can post, and the error page Salesforce shows when it cannot redirect.
/// </summary>
internal static class AuthorizePages
{
    public const string ContentType = "text/html; charset=utf-8";

    public const string WrongCredentials = "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";

    public static string Login(AuthorizeRequest request, StandInConnectedApp app, string? username, string? message)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Login | Salesforce</title></head><body>");
        html.Append("<h1>Salesforce stand-in</h1>");
        html.Append("<p>Log in to allow <strong id=\"app\">").Append(Encode(AppName(app))).Append("</strong> to access your data.</p>");
        if (message is not null)
        {
            html.Append("<p id=\"error\" role=\"alert\">").Append(Encode(message)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/services/oauth2/authorize\">");
        foreach (var (name, value) in request.Fields())
        {
            html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(Encode(value)).Append("\">");
        }

        html.Append("<p><label for=\"username\">Username</label> <input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" value=\"")
            .Append(Encode(username ?? "")).Append("\"></p>");
        html.Append("<p><label for=\"password\">Password</label> <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"></p>");
        html.Append("<p><button id=\"allow\" type=\"submit\" name=\"decision\" value=\"Allow\">Allow</button> ");
        html.Append("<button id=\"deny\" type=\"submit\" name=\"decision\" value=\"Deny\">Deny</button></p>");
        html.Append("</form></body></html>");
        return html.ToString();
    }

    /// <summary>Salesforce shows these on its own page: redirecting to an unverified URI would hand the answer to anyone.</summary>
    public static string Error(string error, string description) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error | Salesforce</title></head><body>"
        + "<h1>Remote Access Application Authorization Error</h1>"
        + $"<p id=\"error\">error={Encode(error)}&amp;error_description={Encode(WebUtility.UrlEncode(description))}</p>"
        + "</body></html>";

    private static string AppName(StandInConnectedApp app) => app.Description.Length > 0 ? app.Description : app.ConsumerKey;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
