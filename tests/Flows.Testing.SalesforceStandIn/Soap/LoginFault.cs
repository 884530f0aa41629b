namespace Flows.Testing.SalesforceStandIn.Soap;

/// <summary>A SOAP fault for login(), before it is turned into XML.</summary>
/// <param name="Bare">Send the faultcode without the sf: prefix, as some responses do.</param>
/// <param name="DetailType">The sf: type under detail: LoginFault, or UnexpectedErrorFault for UNKNOWN_EXCEPTION.</param>
internal sealed record LoginFault(string Code, string Message, bool Bare = false, string DetailType = "LoginFault")
{
    public static LoginFault For(string code, bool bare = false) => new(code, LoginFaultMessages.For(code), bare);

    /// <summary>Salesforce sometimes echoes input in errors; clients must never show that text.</summary>
    public static LoginFault Echo(string username, string password) => new(
        "UNKNOWN_EXCEPTION",
        $"An unexpected error occurred while logging in {username} with password {password}. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)",
        DetailType: "UnexpectedErrorFault");
}
