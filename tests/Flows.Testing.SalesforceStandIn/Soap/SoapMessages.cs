using System.Globalization;
using System.Text;
using System.Xml;
using static Flows.Testing.SalesforceStandIn.Soap.SoapNames;

namespace Flows.Testing.SalesforceStandIn.Soap;

/// <summary>
/// The XML of login() answers, in the exact shape Salesforce sends. Written with XmlWriter so every
/// value (including echoed input) is escaped properly.
/// </summary>
internal static class SoapMessages
{
    public const string ContentType = "text/xml; charset=utf-8";

    // Written by hand: XmlWriter would spell the encoding "utf-8", Salesforce spells it "UTF-8".
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private static readonly XmlWriterSettings Settings = new() { OmitXmlDeclaration = true, Indent = false };

    public static string LoginResponse(string baseUrl, string version, StandInUser user, StandInOrg org, string sessionId) =>
        Write(w =>
        {
            StartEnvelope(w, withFaultNamespace: false);
            w.WriteStartElement("loginResponse", PartnerNamespace);
            w.WriteStartElement("result", PartnerNamespace);
            Element(w, "metadataServerUrl", $"{baseUrl}/services/Soap/m/{version}/{org.Id}");
            Element(w, "passwordExpired", user.PasswordExpired);
            Element(w, "sandbox", org.IsSandbox);
            Element(w, "serverUrl", $"{baseUrl}/services/Soap/u/{version}/{org.Id}");
            Element(w, "sessionId", sessionId);
            Element(w, "userId", user.UserId);
            UserInfo(w, user, org);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

    public static string Fault(LoginFault fault) =>
        Write(w =>
        {
            StartFault(w);
            w.WriteElementString("faultcode", fault.Bare ? fault.Code : $"sf:{fault.Code}");
            w.WriteElementString("faultstring", $"{fault.Code}: {fault.Message}");
            w.WriteStartElement("detail");
            w.WriteStartElement("sf", fault.DetailType, FaultNamespace);
            w.WriteAttributeString("xsi", "type", XsiNamespace, $"sf:{fault.DetailType}");
            w.WriteElementString("sf", "exceptionCode", FaultNamespace, fault.Code);
            w.WriteElementString("sf", "exceptionMessage", FaultNamespace, fault.Message);
            w.WriteEndElement();
            w.WriteEndElement();
            EndFault(w);
        });

    /// <summary>A request the SOAP stack could not read: soapenv:Client, no LoginFault detail.</summary>
    public static string ClientFault(string message) =>
        Write(w =>
        {
            StartFault(w);
            w.WriteElementString("faultcode", "soapenv:Client");
            w.WriteElementString("faultstring", message);
            EndFault(w);
        });

    private static void UserInfo(XmlWriter w, StandInUser user, StandInOrg org)
    {
        w.WriteStartElement("userInfo", PartnerNamespace);
        Element(w, "accessibilityMode", false);
        Element(w, "chatterExternal", false);
        Element(w, "currencySymbol", "$");
        Element(w, "orgAttachmentFileSizeLimit", "5242880");
        Element(w, "orgDefaultCurrencyIsoCode", "USD");
        Element(w, "orgDefaultCurrencyLocale", "en_US");
        Element(w, "orgDisallowHtmlAttachments", false);
        Element(w, "orgHasPersonAccounts", false);
        Element(w, "organizationId", org.Id);
        Element(w, "organizationMultiCurrency", false);
        Element(w, "organizationName", org.Name);
        Element(w, "profileId", "00e5g000000PROFAAA");
        Nil(w, "roleId");
        Element(w, "sessionSecondsValid", "7200");
        Nil(w, "userDefaultCurrencyIsoCode"); // nil unless the org is multi-currency
        Element(w, "userEmail", user.EmailOrUsername);
        Element(w, "userFullName", user.FullName);
        Element(w, "userId", user.UserId);
        Element(w, "userLanguage", "en_US");
        Element(w, "userLocale", "en_US");
        Element(w, "userName", user.Username);
        Element(w, "userTimeZone", "America/Los_Angeles");
        Element(w, "userType", "Standard");
        Element(w, "userUiSkin", "Theme3");
        w.WriteEndElement();
    }

    /// <summary>Declares the prefixes up front in Salesforce's order (XmlWriter alone would put soapenv last).</summary>
    private static void StartEnvelope(XmlWriter w, bool withFaultNamespace)
    {
        w.WriteStartElement("soapenv", "Envelope", EnvelopeNamespace);
        w.WriteAttributeString("xmlns", "soapenv", null, EnvelopeNamespace);
        if (withFaultNamespace)
        {
            w.WriteAttributeString("xmlns", "sf", null, FaultNamespace);
        }

        w.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
        w.WriteStartElement("soapenv", "Body", EnvelopeNamespace);
    }

    private static void StartFault(XmlWriter w)
    {
        StartEnvelope(w, withFaultNamespace: true);
        w.WriteStartElement("soapenv", "Fault", EnvelopeNamespace);
    }

    private static void EndFault(XmlWriter w)
    {
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Element(XmlWriter w, string name, string value) => w.WriteElementString(name, PartnerNamespace, value);

    private static void Element(XmlWriter w, string name, bool value) =>
        Element(w, name, value ? "true" : "false");

    private static void Nil(XmlWriter w, string name)
    {
        w.WriteStartElement(name, PartnerNamespace);
        w.WriteAttributeString("xsi", "nil", XsiNamespace, "true");
        w.WriteEndElement();
    }

    private static string Write(Action<XmlWriter> body)
    {
        using var text = new StringWriter(new StringBuilder(Declaration), CultureInfo.InvariantCulture);
        using (var writer = XmlWriter.Create(text, Settings))
        {
            body(writer);
        }

        return text.ToString();
    }
}
