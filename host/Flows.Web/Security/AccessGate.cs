using System.Security.Cryptography;
using System.Text;
using Flows.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Security;

/// <summary>
/// Who may talk to the host. Two rules: the Host header must name this server when it listens on
/// loopback only (a web page elsewhere cannot reach it through DNS rebinding), and when an access
/// credential is configured every request must present it, as a bearer token or the cookie the
/// sign-in page sets.
/// </summary>
internal sealed class AccessGate
{
    public const string CookieName = "flows_access";

    private readonly byte[]? _token;
    private readonly string? _cookieValue;

    public AccessGate(FlowsWebOptions options)
    {
        if (options.AccessToken is { } token)
        {
            _token = Encoding.UTF8.GetBytes(token);
            // The cookie carries a value derived from the credential, never the credential itself.
            _cookieValue = Convert.ToBase64String(HMACSHA256.HashData(_token, "flows-access-cookie/v1"u8));
        }
    }

    public bool Enabled => _token is not null;

    public string? CookieValue => _cookieValue;

    /// <summary>Whether the Host header names a loopback name, as every honest request to a loopback server does.</summary>
    public static bool IsLoopbackHost(HostString host) =>
        host.Host is { } name && (name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("127.", StringComparison.Ordinal) && System.Net.IPAddress.TryParse(name, out _)
            || name is "[::1]" or "::1");

    /// <summary>Whether the request presents a bearer token (right or wrong).</summary>
    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public bool IsSignedIn(HttpRequest request)
    {
        if (_token is null)
        {
            return true;
        }

        if (HasBearerToken(request))
        {
            return Matches(request.Headers.Authorization.ToString()["Bearer ".Length..].Trim());
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(_cookieValue!));
    }

    public bool Matches(string presented) =>
        _token is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(_token));
}
