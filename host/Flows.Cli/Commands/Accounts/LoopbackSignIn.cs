using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Flows.Cli.Output;
using Flows.Host.Accounts;
using Flows.Forms;

namespace Flows.Cli.Commands.Accounts;

/// <summary>
/// A browser sign-in from the terminal (RFC 8252): the provider sends the browser back to
/// <c>http://127.0.0.1:{port}/callback</c>, which this command listens on until it comes or the time is up.
/// The address is printed (and opened when a desktop is there); any browser on this machine can finish it.
/// </summary>
internal sealed class LoopbackSignIn(AccountService service, CliOutput output)
{
    /// <summary>How long the command waits for the browser by default.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromMinutes(5);

    public async Task<AccountCommandResult?> RunAsync(
        string accountTypeId, FormValues values, Account? editing, string provider, SignInSettings settings, CancellationToken cancellationToken)
    {
        using var listener = Listen(settings.Port, out var port);
        var redirectUri = new Uri($"http://127.0.0.1:{port}/callback");
        // Only this process knows it: a page elsewhere cannot finish the sign-in for it.
        var binding = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var start = await service.BeginSignInAsync(accountTypeId, values, editing?.Id, editing?.Version, settings.Replaces, redirectUri, binding, cancellationToken).ConfigureAwait(false);
        if (start.AuthorizationUrl is not { } url)
        {
            return start.Refused;
        }

        output.Line($"Sign in with {provider} in a browser on this machine, at this address:");
        // Written as is: a wrapped address cannot be copied or clicked.
        output.WriteRaw(url.AbsoluteUri + Environment.NewLine);
        output.Line($"Waiting up to {SignInTimeLimit.Describe(settings.TimeLimit)} for the sign-in (Ctrl+C stops).");
        if (settings.OpenBrowser)
        {
            TryOpen(url);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.TimeLimit);
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var errors = new FormErrors();
                errors.AddForm($"No sign-in came back within {SignInTimeLimit.Describe(settings.TimeLimit)}, so nothing was saved. Run the command again (--sign-in-timeout gives more time).");
                return new AccountCommandResult(editing, errors, null, Saved: false);
            }

            if (context.Request.Url?.AbsolutePath != "/callback")
            {
                // A browser asking for its icon, or anything else: not the provider's answer.
                Answer(context, HttpStatusCode.NotFound, "Not found", "This address only receives the sign-in.");
                continue;
            }

            var query = context.Request.QueryString;
            var completion = await service.CompleteSignInAsync(
                query["state"], query["code"], query["error"], query["error_description"], binding, limit.Token).ConfigureAwait(false);
            if (completion.Form is null)
            {
                // Not the sign-in this command started (a stale tab): keep waiting for the real one.
                Answer(context, HttpStatusCode.BadRequest, "Not this sign-in", completion.LostReason!);
                continue;
            }

            var result = completion.Result;
            Answer(context, result.Saved ? HttpStatusCode.OK : HttpStatusCode.BadRequest, result.Saved ? "Signed in" : "Not signed in",
                result.Saved ? "You are signed in. Go back to the terminal; you can close this window." : string.Join(" ", result.Errors.Form) + " Go back to the terminal.");
            return result;
        }
    }

    private static HttpListener Listen(int? fixedPort, out int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            port = fixedPort ?? FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return listener;
            }
            catch (HttpListenerException) when (fixedPort is null && attempt < 5)
            {
                // Taken between choosing and binding it: choose again.
                ((IDisposable)listener).Dispose();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static void Answer(HttpListenerContext context, HttpStatusCode status, string title, string text)
    {
        var html = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)} — Flows</title></head><body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p></body></html>";
        var bytes = Encoding.UTF8.GetBytes(html);
        var response = context.Response;
        response.StatusCode = (int)status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers["Content-Security-Policy"] = "default-src 'none'";
        response.Headers["Cache-Control"] = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    // Best effort: where no desktop can open it, the printed address is the way.
    private static void TryOpen(Uri url)
    {
        try
        {
            using var opener = Process.Start(new ProcessStartInfo("xdg-open", url.AbsoluteUri) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // No opener installed.
        }
    }
}

/// <summary>How a terminal sign-in runs: a fixed port (else a free one), the time limit, whether to open a browser, the account it replaces.</summary>
internal sealed record SignInSettings(int? Port, TimeSpan TimeLimit, bool OpenBrowser, string? Replaces = null)
{
    /// <summary>A free port, five minutes, a browser opened when one can be.</summary>
    public static SignInSettings Default { get; } = new(null, LoopbackSignIn.DefaultTimeLimit, OpenBrowser: true);
}
