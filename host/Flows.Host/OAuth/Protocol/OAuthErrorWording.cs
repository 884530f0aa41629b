using System.Text;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// A token endpoint's error answer (RFC 6749 §5.2) in words and with a field to blame: the account
/// type's own <c>errors</c> first, then the host's wording of the standard codes. The provider's
/// <c>error_description</c> may be quoted (trimmed, capped, and never when it echoes a secret of the
/// request); its raw body never is.
/// </summary>
internal static class OAuthErrorWording
{
    private const int MaxQuoted = 200;

    public static OAuthFailure Describe(OAuthContext context, OAuthGrant grant, string error, string? description, IEnumerable<string> secrets)
    {
        var declaration = context.Declaration;
        var quoted = Quote(description, secrets);
        foreach (var declared in declaration.Errors)
        {
            if (string.Equals(declared.Error, error, StringComparison.Ordinal)
                && (declared.Description is null || (description ?? string.Empty).Contains(declared.Description, StringComparison.OrdinalIgnoreCase)))
            {
                return Refused(grant, error, declared.Message, declared.Field, declared.Retry);
            }
        }

        var provider = declaration.Provider;
        var said = quoted is null ? string.Empty : $" ({provider} said: \"{quoted}\")";
        var clientField = context.ClientFromConfiguration ? null : context.ClientSecret is not null ? declaration.Client.SecretField ?? declaration.Client.IdField : declaration.Client.IdField;
        var clientWords = context.ClientFromConfiguration
            ? $"the client id or secret the Flows operator configured (OAuth:Clients:{declaration.Client.ConfigKey})"
            : "the client id or secret";
        return error switch
        {
            "invalid_request" => Refused(grant, error, $"{provider} refused the request as incomplete or malformed{said}.", null, retry: false),
            "invalid_client" => Refused(grant, error, $"{provider} did not accept {clientWords}{said}.", clientField, retry: false),
            "invalid_grant" => Refused(grant, error, InvalidGrant(context, grant, said), GrantField(declaration, grant), retry: false),
            "unauthorized_client" => Refused(grant, error, $"The app at {provider} is not allowed to use {FlowWords(grant)}{said}.", context.ClientFromConfiguration ? null : declaration.Client.IdField, retry: false),
            "unsupported_grant_type" => Refused(grant, error, $"{provider} does not offer {FlowWords(grant)} here{said}.", null, retry: false),
            "invalid_scope" => Refused(grant, error, $"{provider} refused the permissions asked for ({string.Join(' ', declaration.Scopes)}){said}.", null, retry: false),
            "access_denied" => Refused(grant, error, $"{provider} denied access{said}.", null, retry: false),
            "temporarily_unavailable" or "server_error" => Refused(grant, error, $"{provider} is unavailable for now{said}; try later.", null, retry: true),
            _ => Refused(grant, error, $"{provider} refused the request ({Code(error)}){said}.", null, retry: false),
        };
    }

    /// <summary>The provider's description, fit to show: trimmed, one line, capped; null when empty or when it contains a secret of the request.</summary>
    public static string? Quote(string? description, IEnumerable<string> secrets)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var text = new StringBuilder(Math.Min(description.Length, MaxQuoted + 1));
        foreach (var c in description.Trim())
        {
            text.Append(char.IsControl(c) ? ' ' : c);
            if (text.Length > MaxQuoted)
            {
                break;
            }
        }

        var line = text.Length > MaxQuoted ? string.Concat(text.ToString(0, MaxQuoted).TrimEnd(), "…") : text.ToString();
        return secrets.Any(s => s.Length >= 4 && description.Contains(s, StringComparison.Ordinal)) ? null : line;
    }

    private static OAuthFailure Refused(OAuthGrant grant, string error, string message, string? field, bool retry)
    {
        if (retry)
        {
            return new OAuthFailure(message, field, OAuthFailureKind.TryLater);
        }

        // A refresh token refused as expired or revoked cannot be mended by editing the account: sign in again
        // (said once: a declared message may already end with it).
        return grant == OAuthGrant.RefreshToken && error == "invalid_grant"
            ? new OAuthFailure(message.Contains("sign in again", StringComparison.OrdinalIgnoreCase) ? message : $"Sign in again: {message}", null, OAuthFailureKind.SignInAgain)
            : new OAuthFailure(message, field, OAuthFailureKind.Invalid);
    }

    private static string InvalidGrant(OAuthContext context, OAuthGrant grant, string said) => grant switch
    {
        OAuthGrant.AuthorizationCode => $"The sign-in could not be completed: {context.Declaration.Provider} refused the code (expired, used already, or for another redirect address){said}. Sign in again.",
        OAuthGrant.RefreshToken => $"Sign in again: {context.Declaration.Provider} no longer accepts this account's sign-in (it expired or was revoked){said}.",
        OAuthGrant.JwtBearer => $"{context.Declaration.Provider} refused the signed assertion for {context.Jwt?.Subject}: check the user name, that the app's certificate matches the private key, and that the user is pre-authorised for the app{said}.",
        _ => $"{context.Declaration.Provider} refused the client credentials grant{said}.",
    };

    private static string? GrantField(OAuthDeclaration declaration, OAuthGrant grant) =>
        grant == OAuthGrant.JwtBearer ? declaration.Jwt?.SubjectField : null;

    private static string FlowWords(OAuthGrant grant) => grant switch
    {
        OAuthGrant.AuthorizationCode => "signing in in the browser (authorization code)",
        OAuthGrant.RefreshToken => "refresh tokens",
        OAuthGrant.JwtBearer => "the JWT bearer flow",
        _ => "the client credentials flow",
    };

    /// <summary>An error code is the provider's text: shown and logged only as a short token of safe characters.</summary>
    public static string Code(string error)
    {
        var code = new string([.. error.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.').Take(60)]);
        return code.Length == 0 ? "an unnamed error" : code;
    }
}
