using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Flows.Plugins.Salesforce.Soap;

/// <summary>The SOAP 1.1 <c>login()</c> call of Salesforce's partner API: the request body and what an answer means.</summary>
internal static class SoapLogin
{
    public static readonly XNamespace Envelope = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Partner = "urn:partner.soap.sforce.com";
    private static readonly XNamespace Instance = "http://www.w3.org/2001/XMLSchema-instance";

    // Salesforce's answers are small; a huge one is not Salesforce.
    private const int MaxCharacters = 1024 * 1024;

    public static string Path => $"services/Soap/u/{SalesforceApi.Version}";

    /// <summary>
    /// The request body. Salesforce expects the security token appended to the password; the
    /// combined value is escaped as a whole by the XML writer.
    /// </summary>
    public static byte[] RequestBody(string username, string password, string securityToken)
    {
        var envelope = new XElement(
            Envelope + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Envelope),
            new XAttribute(XNamespace.Xmlns + "urn", Partner),
            new XElement(Envelope + "Header"),
            new XElement(
                Envelope + "Body",
                new XElement(
                    Partner + "login",
                    new XElement(Partner + "username", username),
                    new XElement(Partner + "password", password + securityToken))));
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
        {
            envelope.Save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Reads an answer body: a login result, a fault, or neither (not a SOAP envelope).</summary>
    public static SoapAnswer Parse(string body)
    {
        if (body.Length == 0 || body.Length > MaxCharacters)
        {
            return SoapAnswer.NotSoap;
        }

        XDocument document;
        try
        {
            // No DTDs, no external entities: the body comes from the network.
            using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return SoapAnswer.NotSoap;
        }

        var bodyElement = document.Root is { } root && root.Name == Envelope + "Envelope" ? root.Element(Envelope + "Body") : null;
        if (bodyElement is null)
        {
            return SoapAnswer.NotSoap;
        }

        if (bodyElement.Element(Envelope + "Fault") is { } fault)
        {
            return SoapAnswer.ForFault(ReadFault(fault));
        }

        var result = bodyElement.Element(Partner + "loginResponse")?.Element(Partner + "result");
        return result is null ? SoapAnswer.NotSoap : SoapAnswer.ForResult(ReadResult(result));
    }

    private static LoginFault ReadFault(XElement fault)
    {
        // Prefer the LoginFault detail; fall back to faultcode, whose QName prefix varies ("sf:CODE" or "CODE").
        var detailCode = fault.Element("detail")?.Descendants().FirstOrDefault(e => e.Name.LocalName == "exceptionCode")?.Value;
        var faultCode = fault.Element("faultcode")?.Value ?? string.Empty;
        var code = string.IsNullOrWhiteSpace(detailCode) ? faultCode : detailCode;
        var colon = code.LastIndexOf(':');
        return new LoginFault(
            (colon >= 0 ? code[(colon + 1)..] : code).Trim(),
            fault.Element("faultstring")?.Value ?? string.Empty);
    }

    private static LoginResult ReadResult(XElement result)
    {
        string? Text(XElement? parent, string name) =>
            parent?.Element(Partner + name) is { } e && e.Attribute(Instance + "nil")?.Value != "true" ? e.Value : null;

        var userInfo = result.Element(Partner + "userInfo");
        return new LoginResult(
            PasswordExpired: Text(result, "passwordExpired") == "true",
            Sandbox: Text(result, "sandbox") == "true",
            ServerUrl: Text(result, "serverUrl"),
            UserName: Text(userInfo, "userName"),
            UserEmail: Text(userInfo, "userEmail"),
            UserFullName: Text(userInfo, "userFullName"),
            OrganizationId: Text(userInfo, "organizationId"),
            OrganizationName: Text(userInfo, "organizationName"));
    }
}

/// <summary>A SOAP fault: its code without prefix, and Salesforce's text (which may echo input: never shown as is).</summary>
internal sealed record LoginFault(string Code, string FaultString);

/// <summary>What a successful login() tells about the user and org. The session id is deliberately not kept.</summary>
internal sealed record LoginResult(
    bool PasswordExpired,
    bool Sandbox,
    string? ServerUrl,
    string? UserName,
    string? UserEmail,
    string? UserFullName,
    string? OrganizationId,
    string? OrganizationName);

/// <summary>One of: a result, a fault, or not a SOAP envelope at all.</summary>
internal sealed record SoapAnswer(LoginResult? Result, LoginFault? Fault)
{
    public static readonly SoapAnswer NotSoap = new(null, null);

    public static SoapAnswer ForResult(LoginResult result) => new(result, null);

    public static SoapAnswer ForFault(LoginFault fault) => new(null, fault);
}
