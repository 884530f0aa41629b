namespace Flows.Testing.SalesforceStandIn;

/// <summary>Misbehaviours a login() can script, for the failures real networks and servers produce.</summary>
public enum LoginBehaviour
{
    /// <summary>Behave like Salesforce: check the password and token.</summary>
    None = 0,

    /// <summary>Wait <see cref="StandInScenario.SlowDelay"/>, then succeed (timeouts).</summary>
    Slow,

    /// <summary>Abort the connection without a response.</summary>
    Drop,

    /// <summary>503 text/html maintenance page.</summary>
    HtmlPage,

    /// <summary>200 text/plain that is not XML.</summary>
    Garbage,

    /// <summary>500 with an empty body.</summary>
    EmptyBody,

    /// <summary>UNKNOWN_EXCEPTION fault echoing the submitted username and password.</summary>
    Echo,

    /// <summary>302 to https://evil.example, which a client must not follow.</summary>
    Redirect,

    /// <summary>307 to the same endpoint on this server (an allowed host), which then succeeds: a client may follow it.</summary>
    MovedTemporarily,
}
