using System.Diagnostics.CodeAnalysis;

namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// Either everything an OAuth call needs (<see cref="Context"/>) or why the account cannot make one
/// (<see cref="Failure"/>: in words, with the account field to blame; null when none of the user's is).
/// </summary>
public sealed class OAuthResolution
{
    private OAuthResolution(OAuthContext? context, OAuthFailure? failure)
    {
        Context = context;
        Failure = failure;
    }

    public OAuthContext? Context { get; }

    public OAuthFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Context))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Context is not null;

    public static OAuthResolution Resolved(OAuthContext context) => new(context, null);

    /// <summary>The account's settings (or the plugin's declaration) are wrong: always <see cref="OAuthFailureKind.Invalid"/>.</summary>
    public static OAuthResolution Refused(string message, string? field) => new(null, new OAuthFailure(message, field, OAuthFailureKind.Invalid));
}
