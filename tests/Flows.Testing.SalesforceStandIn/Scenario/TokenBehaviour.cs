namespace Flows.Testing.SalesforceStandIn;

/// <summary>What a scripted REST access token does, beyond being a session for its user.</summary>
public enum TokenBehaviour
{
    /// <summary>A session for <see cref="StandInToken.Username"/>.</summary>
    None = 0,

    /// <summary>401 INVALID_SESSION_ID.</summary>
    Expired,

    /// <summary>403 REQUEST_LIMIT_EXCEEDED.</summary>
    RateLimited,

    /// <summary>503 text/html maintenance page.</summary>
    HtmlPage,

    /// <summary>401 with the XML error form (application/xml).</summary>
    XmlError,

    /// <summary>Wait <see cref="StandInScenario.SlowDelay"/>, then answer as the token's user.</summary>
    Slow,

    /// <summary>Abort the connection without a response.</summary>
    Drop,

    /// <summary>Valid on the data and query endpoints; userinfo answers 403.</summary>
    NoUserInfo,

    /// <summary>401 whose message echoes the token.</summary>
    Echo,
}
