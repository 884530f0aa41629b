using System.Net;
using System.Text.RegularExpressions;
using Flows.Host.Outbound;

namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// Turns an endpoint template of a declaration into a URL and judges it: <c>{field}</c> at the start
/// is that account field's URL reduced to its origin, <c>{token.NAME}</c> a URL from the token
/// answer. Endpoints are https and on the declaration's hosts (whole DNS labels, never substrings),
/// unless the operator allow-listed the endpoint; plain http only then, and only toward this machine.
/// </summary>
internal sealed partial class OAuthEndpointRules(string pluginId, string provider, IReadOnlyList<string> hosts, OutboundPolicy policy)
{
    private const string TokenPrefix = "token.";

    /// <summary>A URL, or why not: the message, and the account field it came from (null: the declaration or the provider's answer).</summary>
    public readonly record struct Outcome(Uri? Url, string? Field, string? Problem);

    /// <summary>Resolves <paramref name="template"/> (the declaration's <paramref name="role"/>, e.g. "token endpoint").</summary>
    public Outcome Resolve(string template, string role, IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, string>? tokenAnswer = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var match = Placeholder().Match(template);
        if (!match.Success)
        {
            return Uri.TryCreate(template, UriKind.Absolute, out var fixedUrl)
                ? Judge(fixedUrl, role, field: null, fromAnswer: false)
                : new Outcome(null, null, $"The plugin {pluginId} declares a {role} that is not a URL.");
        }

        var name = match.Groups["name"].Value;
        var rest = match.Groups["rest"].Value;
        if (rest.Length > 0 && rest[0] != '/')
        {
            return new Outcome(null, null, $"The plugin {pluginId} declares a {role} whose path does not start with '/' after {{{name}}}.");
        }

        if (name.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            var member = name[TokenPrefix.Length..];
            if (tokenAnswer is null || !tokenAnswer.TryGetValue(member, out var answered) || !IsWebUrl(answered, out var answeredUrl))
            {
                return new Outcome(null, null, $"{provider}'s answer has no URL in '{member}' for the {role}.");
            }

            // A whole URL from the answer stands as it is; with a path after it, only its origin counts.
            return rest.Length == 0
                ? Judge(answeredUrl, role, field: null, fromAnswer: true)
                : Uri.TryCreate(Origin(answeredUrl) + rest, UriKind.Absolute, out var url)
                    ? Judge(url, role, field: null, fromAnswer: true)
                    : new Outcome(null, null, $"The plugin {pluginId} declares a {role} that is not a URL.");
        }

        if (!fields.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return new Outcome(null, name, "Enter a URL such as https://login.example.com.");
        }

        if (!IsWebUrl(value.Trim(), out var fieldUrl))
        {
            return new Outcome(null, name, "Enter a URL starting with https://.");
        }

        if (fieldUrl.UserInfo.Length > 0)
        {
            return new Outcome(null, name, "The URL must not contain a user name or password.");
        }

        return Uri.TryCreate(Origin(fieldUrl) + rest, UriKind.Absolute, out var built)
            ? Judge(built, role, name, fromAnswer: false)
            : new Outcome(null, null, $"The plugin {pluginId} declares a {role} that is not a URL.");
    }

    private Outcome Judge(Uri url, string role, string? field, bool fromAnswer)
    {
        var host = AllowedEndpoint.NormalizeHost(url.Host);
        if (host is null || url.UserInfo.Length > 0 || url.Fragment.Length > 0 || url.Scheme is not ("https" or "http"))
        {
            return Refuse(field, fromAnswer, role, "is not a web address Flows can call", "Enter a URL starting with https://.");
        }

        var defaultPort = url.Scheme == Uri.UriSchemeHttp ? 80 : 443;
        if (policy.IsAllowListed(host, url.Port, defaultPort))
        {
            // The operator's endpoints (tests, demos): plain http only toward this machine, never across a network.
            return url.Scheme == Uri.UriSchemeHttps || IsLoopback(host)
                ? new Outcome(url, field, null)
                : Refuse(field, fromAnswer, role, "does not use https", "Enter a URL starting with https://.");
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return Refuse(field, fromAnswer, role, "does not use https", "Enter a URL starting with https://.");
        }

        if (hosts.Count > 0 && !hosts.Any(h => HostMatches(host, h)))
        {
            return Refuse(field, fromAnswer, role, $"is on '{host}', outside the plugin's hosts", $"'{host}' is not a {provider} address.");
        }

        return new Outcome(url, field, null);
    }

    // A fixed endpoint that breaks the rules is the plugin's mistake; one from a field is the user's.
    private Outcome Refuse(string? field, bool fromAnswer, string role, string whatIsWrong, string fieldMessage) =>
        field is not null
            ? new Outcome(null, field, fieldMessage)
            : fromAnswer
                ? new Outcome(null, null, $"{provider} answered with a {role} that {whatIsWrong}.")
                : new Outcome(null, null, $"The plugin {pluginId} declares a {role} that {whatIsWrong}.");

    /// <summary>Whether <paramref name="host"/> is <paramref name="pattern"/>, or under it on whole labels for <c>*.suffix</c>.</summary>
    internal static bool HostMatches(string host, string pattern)
    {
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = pattern[1..].ToLowerInvariant();
            return host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.Ordinal);
        }

        return string.Equals(host, pattern.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsWebUrl(string text, out Uri url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url!) && url.Scheme is "https" or "http" && url.Host.Length > 0;

    // The origin as compared everywhere: the host lower-case, in its ASCII form, without a trailing dot.
    private static string Origin(Uri url)
    {
        var host = AllowedEndpoint.NormalizeHost(url.Host) ?? url.Host;
        var shown = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return url.IsDefaultPort ? $"{url.Scheme}://{shown}" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{url.Scheme}://{shown}:{url.Port}");
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex(@"^\{(?<name>[A-Za-z_][A-Za-z0-9_.]*)\}(?<rest>.*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Placeholder();
}
