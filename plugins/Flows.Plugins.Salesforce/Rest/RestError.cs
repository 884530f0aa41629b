using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Flows.Plugins.Salesforce.Validation;

namespace Flows.Plugins.Salesforce.Rest;

/// <summary>
/// The error code of a REST error answer, in either of Salesforce's forms:
/// <c>[{"message":"…","errorCode":"INVALID_SESSION_ID"}]</c> or
/// <c>&lt;Errors&gt;&lt;Error&gt;&lt;errorCode&gt;…&lt;/errorCode&gt;…</c>. Only the code is kept:
/// the message is unpublished wording that may echo what was sent.
/// </summary>
internal static class RestError
{
    public static string? CodeOf(SalesforceResponse response)
    {
        var body = response.Body.TrimStart();
        if (body.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.EnumerateArray()
                    .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("errorCode", out var code) ? code.GetString() : null)
                    .FirstOrDefault(c => !string.IsNullOrEmpty(c));
            }
            catch (JsonException)
            {
                return null;
            }
        }

        if (body.StartsWith('<') && !response.MediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
                var document = XDocument.Load(reader);
                return document.Root?.Name.LocalName == "Errors"
                    ? document.Root.Descendants().FirstOrDefault(e => e.Name.LocalName == "errorCode")?.Value
                    : null;
            }
            catch (XmlException)
            {
                return null;
            }
        }

        return null;
    }
}
