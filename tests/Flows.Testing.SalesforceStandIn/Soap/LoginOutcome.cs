namespace Flows.Testing.SalesforceStandIn.Soap;

/// <summary>What a login() decides: a session for a user, or a fault.</summary>
internal abstract record LoginOutcome;

internal sealed record LoginSucceeded(StandInUser User, StandInOrg Org) : LoginOutcome;

internal sealed record LoginFaulted(LoginFault Fault) : LoginOutcome;
