using System.Diagnostics.CodeAnalysis;

namespace Flows.Host.OAuth.Protocol;

/// <summary>Either everything an OAuth call needs (<see cref="Context"/>) or why the account cannot make one (<see cref="Problem"/>).</summary>
public sealed class OAuthResolution
{
    private OAuthResolution(OAuthContext? context, OAuthProblem? problem)
    {
        Context = context;
        Problem = problem;
    }

    public OAuthContext? Context { get; }

    public OAuthProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Context))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Context is not null;

    public static OAuthResolution Resolved(OAuthContext context) => new(context, null);

    public static OAuthResolution Refused(string message, string? field) => new(null, new OAuthProblem(message, field));
}
