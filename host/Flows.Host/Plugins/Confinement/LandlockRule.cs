namespace Flows.Host.Plugins.Confinement;

/// <summary>What a confined process may do at and beneath one path; a path that does not exist here is skipped.</summary>
/// <param name="Path">A file or a directory; symbolic links are followed, so the rule holds for what they point at.</param>
/// <param name="Access">The rights granted there.</param>
/// <param name="Why">Why the worker needs it: the reason it is on the list at all.</param>
internal sealed record LandlockRule(string Path, LandlockAccess Access, string Why);
