namespace Flows.Testing.SalesforceStandIn;

/// <summary>A user the stand-in knows, with what a login() for it does.</summary>
public sealed record StandInUser
{
    /// <summary>Salesforce usernames look like e-mail addresses and compare case-insensitively.</summary>
    public required string Username { get; init; }

    public string Password { get; init; } = "";

    /// <summary>Empty when the user logs in from a trusted network: the password alone is enough.</summary>
    public string SecurityToken { get; init; } = "";

    public required string OrgId { get; init; }

    /// <summary>18-character user id (starts with 005).</summary>
    public required string UserId { get; init; }

    public string FullName { get; init; } = "Stand-in User";

    /// <summary>Defaults to the username, which is how most orgs set it up.</summary>
    public string? Email { get; init; }

    /// <summary>A correct login answers 200 with passwordExpired=true (a restricted session).</summary>
    public bool PasswordExpired { get; init; }

    /// <summary>After this many successful logins every further login faults with REQUEST_LIMIT_EXCEEDED.</summary>
    public int? LoginLimit { get; init; }

    /// <summary>When set, every login faults with this code whatever the password.</summary>
    public string? FaultCode { get; init; }

    /// <summary>Send <see cref="FaultCode"/> as a bare faultcode (no <c>sf:</c> prefix), as some responses do.</summary>
    public bool BareFaultCode { get; init; }

    /// <summary>Anything but <see cref="LoginBehaviour.None"/> accepts any password.</summary>
    public LoginBehaviour Behaviour { get; init; }

    /// <summary>What the OAuth token endpoint answers for this user whatever the grant; the authorize page still signs them in.</summary>
    public StandInOAuthFailure OAuthFailure { get; init; }

    /// <summary>One line for the demo table.</summary>
    public string Description { get; init; } = "";

    internal string EmailOrUsername => Email ?? Username;
}
