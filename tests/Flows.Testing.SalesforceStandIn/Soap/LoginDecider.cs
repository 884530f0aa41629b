using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.Soap;

/// <summary>
/// Salesforce's credential rules for login(): who the user is, whether the org lets them in, and
/// whether the password (with the security token appended) is right.
/// </summary>
internal sealed class LoginDecider(StandInScenario scenario, LoginLedger logins)
{
    public LoginOutcome Decide(SoapLoginRequest request)
    {
        var user = scenario.FindUser(request.Username);
        if (user is null)
        {
            // Unknown users get the same answer as wrong passwords, so usernames cannot be probed.
            return Fault("INVALID_LOGIN");
        }

        if (user.FaultCode is { } code)
        {
            return new LoginFaulted(LoginFault.For(code, user.BareFaultCode));
        }

        if (user.Behaviour == LoginBehaviour.Echo)
        {
            return new LoginFaulted(LoginFault.Echo(request.Username, request.Password));
        }

        var org = scenario.OrgOf(user);
        if (!org.SoapLoginEnabled)
        {
            return Fault("INVALID_OPERATION");
        }

        if (user.Behaviour != LoginBehaviour.None)
        {
            // The remaining behaviours (only Slow gets this far) accept any password.
            return new LoginSucceeded(user, org);
        }

        // Once over the limit, every login is refused, right password or not.
        if (user.LoginLimit is { } limit && logins.Successes(user.Username) >= limit)
        {
            return Fault("REQUEST_LIMIT_EXCEEDED");
        }

        if (CheckCredentials(user, request.Password) is { } wrong)
        {
            return wrong;
        }

        // Org settings are only revealed to someone who proved who they are.
        if (!org.ApiEnabled)
        {
            return Fault("API_DISABLED_FOR_ORG");
        }

        if (logins.AddSuccess(user.Username) > user.LoginLimit)
        {
            return Fault("REQUEST_LIMIT_EXCEEDED");
        }

        return new LoginSucceeded(user, org);
    }

    /// <summary>The submitted value is the password with the token appended; null when it is right.</summary>
    private static LoginFaulted? CheckCredentials(StandInUser user, string submitted)
    {
        if (string.Equals(submitted, user.Password + user.SecurityToken, StringComparison.Ordinal))
        {
            return null;
        }

        // Right password, missing or wrong token: Salesforce says so, with its own code.
        var passwordRight = user.SecurityToken.Length > 0 && submitted.StartsWith(user.Password, StringComparison.Ordinal);
        return Fault(passwordRight ? "LOGIN_MUST_USE_SECURITY_TOKEN" : "INVALID_LOGIN");
    }

    private static LoginFaulted Fault(string code) => new(LoginFault.For(code));
}
