namespace Flows.Host.Plugins.Confinement;

/// <summary>Whether plugin code runs confined here, and a sentence saying so for people.</summary>
/// <param name="Confined">True when every plugin worker is confined before plugin code loads.</param>
/// <param name="Summary">What plugins can reach, or why they are not confined on this machine.</param>
public sealed record ConfinementStatus(bool Confined, string Summary);
