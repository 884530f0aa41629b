using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Flows.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Security;

/// <summary>
/// Limits wrong access credentials (a bearer token, a sign-in post) per client address with
/// .NET's fixed-window rate limiter, the one ASP.NET Core's rate-limiting middleware uses. Only
/// failures spend tokens, so scripts with the right credential are never slowed; a client out of
/// tokens is refused (429, Retry-After) whatever it presents, so the answer cannot tell it which
/// guess was right. Other clients are not affected.
/// </summary>
internal sealed class FailedAttempts : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _limiter;

    public FailedAttempts(FlowsWebOptions options)
    {
        // A fixed window counts whole attempts (a token bucket refills by fractions, so "any left?"
        // would say yes a moment after the last one was spent).
        var window = new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.FailedAccessAttemptLimit,
            Window = options.FailedAccessAttemptWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => window));
    }

    /// <summary>Whether the client has used up its wrong attempts for now, and when to try again.</summary>
    public bool IsLockedOut(HttpContext context, out TimeSpan retryAfter)
    {
        // Asking for no attempt answers whether any is left without spending one.
        using var lease = _limiter.AttemptAcquire(Client(context), 0);
        return !Acquired(lease, out retryAfter);
    }

    /// <summary>Counts a wrong credential; true when this one used up the client's attempts.</summary>
    public bool Record(HttpContext context, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(Client(context), 1);
        return !Acquired(lease, out retryAfter);
    }

    /// <summary>The answer to a client that is locked out: 429 with Retry-After, as a page or as problem details.</summary>
    public static IResult TooMany(HttpContext context, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Too many wrong access credentials from this address. Try again in {seconds} s.";
        return Pages.SignIn.SignInHandlers.WantsPage(context.Request)
            ? Pages.Errors.ErrorPages.Problem("Too many attempts", detail, StatusCodes.Status429TooManyRequests, Pages.Routes.SignIn)
            : Results.Problem(title: "Too many attempts", detail: detail, statusCode: StatusCodes.Status429TooManyRequests, type: "urn:flows:problem:too-many-attempts");
    }

    public void Dispose() => _limiter.Dispose();

    private static bool Acquired(RateLimitLease lease, out TimeSpan retryAfter)
    {
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return lease.IsAcquired;
    }

    // One address per IPv4 client; one /64 per IPv6 client, since each host there has a whole /64 to pick from.
    private static IPAddress Client(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
