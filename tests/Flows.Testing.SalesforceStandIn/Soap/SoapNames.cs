using System.Xml.Linq;

namespace Flows.Testing.SalesforceStandIn.Soap;

/// <summary>XML namespaces of the partner SOAP API.</summary>
internal static class SoapNames
{
    public const string EnvelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string PartnerNamespace = "urn:partner.soap.sforce.com";
    public const string FaultNamespace = "urn:fault.partner.soap.sforce.com";
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    public static readonly XNamespace Soap = EnvelopeNamespace;
    public static readonly XNamespace Partner = PartnerNamespace;
    public static readonly XName Envelope = Soap + "Envelope";
    public static readonly XName Body = Soap + "Body";
}
