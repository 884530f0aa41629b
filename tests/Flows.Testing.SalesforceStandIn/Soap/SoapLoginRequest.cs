using System.Xml;
using System.Xml.Linq;

namespace Flows.Testing.SalesforceStandIn.Soap;

/// <summary>The username and password of a SOAP 1.1 partner login(), read with a real XML parser.</summary>
internal sealed record SoapLoginRequest(string Username, string Password)
{
    /// <summary>Null when the body is not a SOAP 1.1 envelope holding a partner login with both children.</summary>
    public static SoapLoginRequest? Parse(string body)
    {
        XDocument document;
        try
        {
            // No DTDs, no external resolution: the body is whatever a client sent.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var text = new StringReader(body);
            using var reader = XmlReader.Create(text, settings);

            // Whitespace matters: a password may be, or end with, spaces.
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return null;
        }

        var login = document.Root is { } root && root.Name == SoapNames.Envelope
            ? root.Element(SoapNames.Body)?.Element(SoapNames.Partner + "login")
            : null;
        var username = login?.Element(SoapNames.Partner + "username")?.Value;
        var password = login?.Element(SoapNames.Partner + "password")?.Value;
        return username is null || password is null ? null : new SoapLoginRequest(username, password);
    }
}
