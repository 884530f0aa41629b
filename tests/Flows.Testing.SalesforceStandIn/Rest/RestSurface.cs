namespace Flows.Testing.SalesforceStandIn.Rest;

/// <summary>The two families of bearer endpoints, which answer bad tokens differently.</summary>
internal enum RestSurface
{
    /// <summary>/services/data/vXX.X/…: JSON errors, 401 for a bad token.</summary>
    Data,

    /// <summary>/services/oauth2/userinfo: the identity service, a bare 403 for a bad token.</summary>
    UserInfo,
}
