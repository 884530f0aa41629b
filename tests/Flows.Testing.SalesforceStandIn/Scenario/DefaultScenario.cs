using static Flows.Testing.SalesforceStandIn.StandInAccounts;

namespace Flows.Testing.SalesforceStandIn;

/// <summary>Builds <see cref="StandInScenario.Default"/> from the names in <see cref="StandInAccounts"/>.</summary>
internal static class DefaultScenario
{
    // Scripted users never log in successfully (except the slow one), so they share one id.
    private const string ScriptedUserId = "0055g000000FLTAAAA";

    public static StandInScenario Create() => new()
    {
        Orgs = Orgs(),
        Users = [.. RealUsers(), .. FaultUsers(), .. BehaviourUsers(), .. OAuthUsers()],
        Tokens = Tokens(),
        ConnectedApps = ConnectedApps(),
    };

    private static StandInOrg[] Orgs() =>
    [
        new() { Id = AcmeOrgId, Name = AcmeOrgName, InstanceName = AcmeInstanceName },
        new() { Id = AcmeSandboxOrgId, Name = AcmeSandboxOrgName, IsSandbox = true, InstanceName = AcmeSandboxInstanceName },
        new() { Id = NewOrgId, Name = NewOrgName, InstanceName = "USA796", SoapLoginEnabled = false },
        new() { Id = RestrictedOrgId, Name = RestrictedOrgName, InstanceName = "NA139", ApiEnabled = false },
        new() { Id = ClosedOrgId, Name = ClosedOrgName, InstanceName = "NA139", Active = false },
    ];

    private static StandInUser[] RealUsers() =>
    [
        new()
        {
            Username = AliceUsername, Password = AlicePassword, SecurityToken = AliceSecurityToken,
            OrgId = AcmeOrgId, UserId = AliceUserId, FullName = AliceFullName,
            Description = "Acme production; password has XML-special characters",
        },
        new()
        {
            Username = SamUsername, Password = SamPassword, SecurityToken = SamSecurityToken,
            OrgId = AcmeSandboxOrgId, UserId = SamUserId, FullName = SamFullName, Email = "sam@acme.example",
            Description = "Acme Sandbox; trusted network, no token",
        },
        new()
        {
            Username = ExpiredUsername, Password = ExpiredPassword, SecurityToken = ExpiredSecurityToken,
            OrgId = AcmeOrgId, UserId = ExpiredUserId, FullName = "Ed Expired", PasswordExpired = true,
            Description = "Acme; 200 with passwordExpired=true",
        },
        new()
        {
            Username = NewbieUsername, Password = NewbiePassword, SecurityToken = NewbieSecurityToken,
            OrgId = NewOrgId, UserId = NewbieUserId, FullName = "Nina Newbie",
            Description = "New Org; SOAP login() disabled -> INVALID_OPERATION",
        },
        new()
        {
            Username = LimitedUsername, Password = LimitedPassword, SecurityToken = LimitedSecurityToken,
            OrgId = AcmeOrgId, UserId = LimitedUserId, FullName = "Liam Limited", LoginLimit = LimitedLoginLimit,
            Description = "Acme; REQUEST_LIMIT_EXCEEDED after 2 successful logins",
        },
        new()
        {
            Username = RitaUsername, Password = RitaPassword, SecurityToken = RitaSecurityToken,
            OrgId = RestrictedOrgId, UserId = RitaUserId, FullName = "Rita Restricted",
            Description = "Restricted org; right credentials -> API_DISABLED_FOR_ORG",
        },
    ];

    private static IEnumerable<StandInUser> FaultUsers()
    {
        foreach (var (code, username) in FaultUsernames)
        {
            yield return Scripted(username, $"fault {code}") with { FaultCode = code };
        }

        yield return Scripted(BareCodeFaultUsername, "fault INVALID_LOGIN, bare faultcode (no sf:)") with
        {
            FaultCode = "INVALID_LOGIN",
            BareFaultCode = true,
        };
        yield return Scripted(UnknownCodeFaultUsername, $"fault {UnknownFaultCode}") with { FaultCode = UnknownFaultCode };
    }

    private static StandInUser[] BehaviourUsers() =>
    [
        Scripted(SlowUsername, "waits, then succeeds (Acme)") with
        {
            Behaviour = LoginBehaviour.Slow, UserId = SlowUserId, FullName = "Sid Slow",
        },
        Scripted(DropUsername, "connection aborted, no response") with { Behaviour = LoginBehaviour.Drop },
        Scripted(HtmlUsername, "503 text/html maintenance page") with { Behaviour = LoginBehaviour.HtmlPage },
        Scripted(GarbageUsername, "200 text/plain, not XML") with { Behaviour = LoginBehaviour.Garbage },
        Scripted(EmptyUsername, "500, empty body") with { Behaviour = LoginBehaviour.EmptyBody },
        Scripted(EchoUsername, "UNKNOWN_EXCEPTION echoing username and password") with { Behaviour = LoginBehaviour.Echo },
        Scripted(RedirectUsername, "302 to https://evil.example") with { Behaviour = LoginBehaviour.Redirect },
        Scripted(MovedUsername, "307 to this server, then success") with { Behaviour = LoginBehaviour.MovedTemporarily },
    ];

    private static IEnumerable<StandInUser> OAuthUsers()
    {
        foreach (var (failure, username) in OAuthFailureUsernames)
        {
            yield return Scripted(username, $"OAuth token requests fail: {failure}") with { Password = AnyPassword, OAuthFailure = failure };
        }

        yield return new()
        {
            Username = ClosedUsername, Password = ClosedPassword, OrgId = ClosedOrgId, UserId = ClosedUserId, FullName = "Cleo Closed",
            Description = "Closed Org (inactive); OAuth token requests -> inactive_org",
        };
    }

    private static StandInConnectedApp[] ConnectedApps() =>
    [
        new()
        {
            ConsumerKey = WebAppConsumerKey, ConsumerSecret = WebAppConsumerSecret,
            CallbackUrls = [WebCallbackUrl, LoopbackCallbackUrl],
            Description = "code + PKCE, secret optional",
        },
        new()
        {
            ConsumerKey = RotatingAppConsumerKey, ConsumerSecret = RotatingAppConsumerSecret,
            CallbackUrls = [WebCallbackUrl, LoopbackCallbackUrl], RotateRefreshTokens = true,
            Description = "code + PKCE, rotates refresh tokens",
        },
        new()
        {
            ConsumerKey = ConfidentialAppConsumerKey, ConsumerSecret = ConfidentialAppConsumerSecret,
            CallbackUrls = [WebCallbackUrl, LoopbackCallbackUrl], RequiresPkce = false, RequiresSecret = true,
            Description = "code without PKCE, secret required; no client-credentials user",
        },
        new()
        {
            ConsumerKey = JwtAppConsumerKey, CertificatePem = StandInKeys.Default.CertificatePem,
            PreAuthorizedUsernames = [AliceUsername, SamUsername, .. OAuthFailureUsernames.Values, ClosedUsername],
            Description = "JWT bearer (StandInKeys.Default), pre-authorised: alice, sam, *@oauth.example, closed",
        },
        new()
        {
            ConsumerKey = ClientCredentialsAppConsumerKey, ConsumerSecret = ClientCredentialsAppConsumerSecret,
            RunAsUsername = AliceUsername,
            Description = "client credentials on My Domain, runs as alice",
        },
        new()
        {
            ConsumerKey = RateLimitedAppConsumerKey, ConsumerSecret = ScriptedAppConsumerSecret,
            CallbackUrls = [WebCallbackUrl, LoopbackCallbackUrl], Failure = StandInOAuthFailure.RateLimited,
            Description = "every token request: rate_limit_exceeded",
        },
        new()
        {
            ConsumerKey = MaintenanceAppConsumerKey, ConsumerSecret = ScriptedAppConsumerSecret,
            CallbackUrls = [WebCallbackUrl, LoopbackCallbackUrl], Failure = StandInOAuthFailure.MaintenancePage,
            Description = "every authorize and token request: 503 HTML maintenance page",
        },
    ];

    private static StandInUser Scripted(string username, string description) => new()
    {
        Username = username,
        OrgId = AcmeOrgId,
        UserId = ScriptedUserId,
        Description = description,
    };

    private static StandInToken[] Tokens() =>
    [
        new() { Value = AliceAccessToken, Username = AliceUsername, Description = "valid: Alice, Acme production" },
        new() { Value = SamAccessToken, Username = SamUsername, Description = "valid: Sam, Acme Sandbox" },
        new() { Value = ExpiredAccessToken, Behaviour = TokenBehaviour.Expired, Description = "401 INVALID_SESSION_ID" },
        new() { Value = RestDisabledAccessToken, Username = RitaUsername, Description = "403 API_DISABLED_FOR_ORG (Restricted org)" },
        new() { Value = RateLimitedAccessToken, Username = AliceUsername, Behaviour = TokenBehaviour.RateLimited, Description = "403 REQUEST_LIMIT_EXCEEDED" },
        new() { Value = HtmlAccessToken, Behaviour = TokenBehaviour.HtmlPage, Description = "503 text/html maintenance page" },
        new() { Value = XmlErrorAccessToken, Behaviour = TokenBehaviour.XmlError, Description = "401 application/xml <Errors>" },
        new() { Value = SlowAccessToken, Username = AliceUsername, Behaviour = TokenBehaviour.Slow, Description = "waits, then valid as Alice" },
        new() { Value = DropAccessToken, Behaviour = TokenBehaviour.Drop, Description = "connection aborted, no response" },
        new() { Value = NoUserInfoAccessToken, Username = AliceUsername, Behaviour = TokenBehaviour.NoUserInfo, Description = "valid as Alice, but userinfo 403" },
        new() { Value = EchoAccessToken, Behaviour = TokenBehaviour.Echo, Description = "401 whose message echoes the token" },
    ];
}
