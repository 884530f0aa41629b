using System.Text;
using Flows.Testing.SalesforceStandIn.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>Reads OAuth parameters: a form body (as the captured bytes), else the query string; the first value of each name.</summary>
internal static class OAuthParameters
{
    public static IReadOnlyDictionary<string, string> Read(HttpContext context)
    {
        var pairs = context.Request.HasFormContentType
            ? QueryHelpers.ParseQuery(context.RequestBody())
            : context.Request.Query.ToDictionary(p => p.Key, p => p.Value);
        return pairs
            .Where(p => p.Value.Count > 0 && p.Value[0] is not null)
            .ToDictionary(p => p.Key, p => p.Value[0]!, StringComparer.Ordinal);
    }

    /// <summary>client_id and client_secret from the form, or from HTTP Basic authentication (client_secret_basic).</summary>
    public static (string? ClientId, string? ClientSecret) Client(HttpContext context, IReadOnlyDictionary<string, string> parameters)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                // Not Basic credentials after all: fall back to the form, like Salesforce.
            }
        }

        return (parameters.GetValueOrDefault("client_id"), parameters.GetValueOrDefault("client_secret"));
    }
}
