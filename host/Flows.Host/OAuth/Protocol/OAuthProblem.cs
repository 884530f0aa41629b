namespace Flows.Host.OAuth.Protocol;

/// <summary>Why an account's OAuth settings cannot be used, in words, and the account field to blame (null: none of the user's).</summary>
public sealed record OAuthProblem(string Message, string? Field);
