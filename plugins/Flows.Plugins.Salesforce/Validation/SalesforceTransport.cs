using System.Net;
using System.Net.Http.Headers;
using Flows.Plugins.Salesforce.Endpoints;

namespace Flows.Plugins.Salesforce.Validation;

/// <summary>
/// Sends one Salesforce request and turns everything that can go wrong on the way into a
/// <see cref="TransportOutcome"/>. Redirects are followed only when they are 307/308 and lead to an
/// address the endpoint policy accepts, a few hops at most.
/// </summary>
internal sealed class SalesforceTransport(HttpClient client, SalesforceEndpointPolicy policy, TimeSpan requestTimeout)
{
    private const int MaxRedirects = 3;
    private const int MaxBodyCharacters = 1024 * 1024;

    /// <summary>Sends what <paramref name="createRequest"/> builds for <paramref name="url"/>, following allowed redirects.</summary>
    public async Task<TransportOutcome> SendAsync(
        Uri url,
        SalesforceUrlKind kind,
        Func<Uri, HttpRequestMessage> createRequest,
        CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            HttpResponseMessage response;
            try
            {
                using var request = createRequest(url);
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return TransportOutcome.Failed(TransportFailure.Timeout, $"did not answer within {requestTimeout.TotalSeconds:0.#} s");
            }
            catch (HttpRequestException exception)
            {
                return TransportOutcome.Failed(Classify(exception), url.Host);
            }

            using (response)
            {
                if (IsRedirect(response.StatusCode))
                {
                    var location = response.Headers.Location is { } target ? new Uri(url, target) : null;
                    var allowed = location is not null && (response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect)
                        && policy.Check(location.ToString(), kind, "redirect").BaseAddress is not null;
                    if (!allowed || hop >= MaxRedirects)
                    {
                        return TransportOutcome.Failed(TransportFailure.RedirectRefused, location?.Host ?? "(no location)");
                    }

                    url = location!;
                    continue;
                }

                try
                {
                    var body = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
                    return TransportOutcome.Answered(new SalesforceResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? string.Empty, body));
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return TransportOutcome.Failed(TransportFailure.Timeout, $"did not finish answering within {requestTimeout.TotalSeconds:0.#} s");
                }
                catch (HttpRequestException)
                {
                    return TransportOutcome.Failed(TransportFailure.ConnectionLost, url.Host);
                }
                catch (IOException)
                {
                    return TransportOutcome.Failed(TransportFailure.ConnectionLost, url.Host);
                }
            }
        }
    }

    /// <summary>A request with the usual headers; the body, if any, is set by the caller.</summary>
    public static HttpRequestMessage Request(HttpMethod method, Uri url, string accept)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return request;
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400 && status != HttpStatusCode.NotModified;

    private static TransportFailure Classify(HttpRequestException exception) => exception.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => TransportFailure.UnknownHost,
        HttpRequestError.SecureConnectionError => TransportFailure.SecureConnection,
        HttpRequestError.ResponseEnded => TransportFailure.ConnectionLost,
        HttpRequestError.ConnectionError => TransportFailure.ConnectionFailed,
        _ => TransportFailure.ConnectionLost,
    };

    private static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        var text = new System.Text.StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while (text.Length <= MaxBodyCharacters && (read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            text.Append(buffer, 0, read);
        }

        // Anything longer is not a Salesforce answer; the cut body then fails to parse as one.
        return text.Length > MaxBodyCharacters ? text.ToString(0, MaxBodyCharacters) : text.ToString();
    }
}

/// <summary>How a request failed before a usable answer arrived.</summary>
internal enum TransportFailure
{
    UnknownHost,
    ConnectionFailed,
    ConnectionLost,
    SecureConnection,
    Timeout,
    RedirectRefused,
}

/// <summary>An answer from the server (any status), as text.</summary>
internal sealed record SalesforceResponse(HttpStatusCode Status, string MediaType, string Body);

/// <summary>Either an answer or a failure with a detail (a host name or a duration; never a secret).</summary>
internal sealed record TransportOutcome(SalesforceResponse? Response, TransportFailure? Failure, string Detail)
{
    public static TransportOutcome Answered(SalesforceResponse response) => new(response, null, string.Empty);

    public static TransportOutcome Failed(TransportFailure failure, string detail) => new(null, failure, detail);
}
