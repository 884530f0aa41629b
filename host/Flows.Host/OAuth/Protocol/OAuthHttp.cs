using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Host.Outbound;

namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// What the protocol client shares about HTTP: answers read with a size cap and as JSON objects, and
/// a call that failed (no answer, no connection, the address policy) turned into words.
/// </summary>
internal static class OAuthHttp
{
    private const int MaxAnswerBytes = 256 * 1024;

    public static OAuthTokenResult TokenFailure(OAuthContext context, Uri endpoint, Exception exception, OutboundHttp outbound)
    {
        var field = context.FieldOf(endpoint);
        var provider = context.Declaration.Provider;
        if (FindRefusal(exception) is { } refused)
        {
            // The operator's address policy, already in words naming the host and where to allow it.
            return OAuthTokenResult.Failed(refused.Message, field, OAuthFailureKind.Invalid);
        }

        // A name that does not exist is a typo in the field; a lookup that failed for now is not.
        if (field is not null && exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }
            && exception.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound })
        {
            return OAuthTokenResult.Failed($"There is no host named '{endpoint.Host}'; check the address.", field, OAuthFailureKind.Invalid);
        }

        return OAuthTokenResult.Failed($"{provider} did not answer ({FailureWords(exception, outbound)}); try later.", null, OAuthFailureKind.TryLater);
    }

    public static string FailureWords(Exception exception, OutboundHttp outbound) => exception switch
    {
        TaskCanceledException or TimeoutException => string.Create(CultureInfo.InvariantCulture, $"no answer within {outbound.RequestTimeout.TotalSeconds:0} s"),
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "its name could not be looked up",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "the connection failed",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "the secure connection failed",
        _ => "the connection broke off",
    };

    public static OutboundRefusedException? FindRefusal(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OutboundRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    // Failures of the network or of the provider; a cancellation the caller asked for is not one.
    public static bool IsUnreachable(Exception exception, CancellationToken ct) =>
        exception is HttpRequestException or IOException or TimeoutException
        || (exception is TaskCanceledException && !ct.IsCancellationRequested);

    public static async Task<string> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[MaxAnswerBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    public static JsonObject? ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Reason(Exception exception) =>
        exception is HttpRequestException http ? $"{exception.GetType().Name} ({http.HttpRequestError})" : exception.GetType().Name;
}
