using System.Globalization;

namespace Flows.Testing.SalesforceStandIn.Soap;

/// <summary>Which API versions offer login(): retired below 31.0, gone from 65.0.</summary>
internal static class LoginVersions
{
    private const decimal Oldest = 31.0m;
    private const decimal Newest = 64.0m;

    /// <summary>The fault for a version without login(); null when login() is available.</summary>
    public static LoginFault? FaultFor(string version)
    {
        if (!decimal.TryParse(version, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number < Oldest)
        {
            return LoginFault.For("UNSUPPORTED_API_VERSION");
        }

        return number > Newest ? new LoginFault("INVALID_OPERATION", LoginFaultMessages.LoginNotInVersion) : null;
    }
}
