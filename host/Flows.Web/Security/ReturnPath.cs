namespace Flows.Web.Security;

/// <summary>
/// The one rule for sending a browser back to a path it named itself (sign-in's <c>return</c>): a
/// path on this server or nothing. Whatever a browser could read as another site (<c>//host</c>,
/// <c>/\host</c>, <c>/&lt;TAB&gt;/host</c> once it drops the tab, <c>http:</c>, <c>javascript:</c>), or
/// whatever would make an invalid Location header, becomes <c>/</c>.
/// </summary>
internal static class ReturnPath
{
    /// <summary>Where to go when the path given cannot be trusted.</summary>
    public const string Home = "/";

    // Links on this server are short; a long one is a mistake or an attack.
    private const int MaximumLength = 2048;

    // Percent-encoding nested deeper than this is refused rather than unwrapped further.
    private const int MaximumDecodingRounds = 3;

    /// <summary><paramref name="candidate"/> when it is a safe local path, otherwise <see cref="Home"/>.</summary>
    public static string Safe(string? candidate) =>
        candidate is { Length: > 0 and <= MaximumLength } && IsSafe(candidate) ? candidate : Home;

    private static bool IsSafe(string candidate)
    {
        // As sent: printable ASCII only (browsers drop tabs and line breaks, and Kestrel refuses a
        // header holding them), no backslash (browsers read it as '/').
        if (candidate.Any(c => c is < '!' or > '~' or '\\'))
        {
            return false;
        }

        // Decoded too: the path must stay local, so no later decoding step (a browser, a proxy,
        // this server reading it back from a query) can turn it into another site.
        var end = candidate.AsSpan().IndexOfAny('?', '#');
        var path = end < 0 ? candidate : candidate[..end];
        for (var round = 0; round < MaximumDecodingRounds; round++)
        {
            if (!IsLocalPath(path))
            {
                return false;
            }

            var decoded = Uri.UnescapeDataString(path);
            if (decoded == path)
            {
                return true;
            }

            path = decoded;
        }

        return false;
    }

    // One leading '/', then segments that are neither empty ('//', which a '..' could otherwise
    // bring to the front) nor '.' or '..'; a trailing '/' is fine. No control, white-space or
    // backslash characters (a decoded one included).
    private static bool IsLocalPath(string path)
    {
        if (path.Length == 0 || path[0] != '/' || path.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\'))
        {
            return false;
        }

        var segments = path[1..].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] is "." or ".." || (segments[i].Length == 0 && i < segments.Length - 1))
            {
                return false;
            }
        }

        return true;
    }
}
