using System.Net.Sockets;

namespace Flows.Web.Tests;

/// <summary>
/// Wrong access credentials are limited per client address (429 with Retry-After once a client has
/// used up its attempts, whatever it presents next); the right credential is never slowed, and
/// other clients are not affected. Over real HTTP; the second client connects from 127.0.0.2.
/// </summary>
public sealed class FailedAccessAttemptTests
{
    private const string Credential = "Xb3nK8qW1zP6tR9vL2mC5hD0sJ7gF4yE";
    private const int Limit = 10;

    [Fact]
    public async Task WrongBearerTokens_AfterTheLimit_AreAnswered429WithRetryAfter_EvenTheRightOneFromThatClient()
    {
        await using var web = await WebSandbox.StartAsync(accessToken: Credential);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Limit; i++)
        {
            using var wrong = await GetAccountsAsync(web.Client, $"guess-{i}");
            statuses.Add(wrong.StatusCode);
        }

        using var limited = await GetAccountsAsync(web.Client, "one-guess-too-many");
        using var right = await GetAccountsAsync(web.Client, Credential);

        statuses.ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await limited.Content.ReadAsStringAsync()).ShouldContain("Too many wrong access credentials from this address");
        right.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "a locked-out client cannot tell which guess was right");
    }

    [Fact]
    public async Task WrongSignInPosts_AfterTheLimit_AreAnswered429WithAPage()
    {
        await using var web = await WebSandbox.StartAsync(accessToken: Credential);

        for (var i = 0; i < Limit; i++)
        {
            using var wrong = await web.Client.PostFormAsync("/sign-in", "/sign-in", ("token", $"guess-{i}"), ("return", "/"));
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var limited = await web.Client.PostFormAsync("/sign-in", "/sign-in", ("token", Credential), ("return", "/"));

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta.ShouldNotBeNull();
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await limited.Content.ReadAsStringAsync()).ShouldContain("Try again in");
        limited.Headers.Contains("Set-Cookie").ShouldBeFalse("no sign-in while locked out");
    }

    [Fact]
    public async Task AnotherClient_IsNotAffectedByALockedOutOne()
    {
        await using var web = await WebSandbox.StartAsync(accessToken: Credential);
        for (var i = 0; i <= Limit; i++)
        {
            using var wrong = await GetAccountsAsync(web.Client, $"guess-{i}");
        }

        using var other = ClientFrom(IPAddress.Parse("127.0.0.2"), web.BaseAddress);
        using var right = await GetAccountsAsync(other, Credential);
        using var wrongFromOther = await GetAccountsAsync(other, "an-honest-typo");
        using var stillLimited = await GetAccountsAsync(web.Client, Credential);

        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        wrongFromOther.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        stillLimited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task TheRightCredential_IsNeverLimited()
    {
        await using var web = await WebSandbox.StartAsync(accessToken: Credential);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Limit * 5; i++)
        {
            using var right = await GetAccountsAsync(web.Client, Credential);
            statuses.Add(right.StatusCode);
        }

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
    }

    [Fact]
    public async Task ALockedOutClient_GetsAnAttemptBack_OnceRetryAfterHasPassed()
    {
        await using var web = await WebSandbox.StartAsync(accessToken: Credential, configure: o =>
        {
            o.FailedAccessAttemptLimit = 2;
            o.FailedAccessAttemptWindow = TimeSpan.FromSeconds(2);
        });
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await GetAccountsAsync(web.Client, $"guess-{i}");
        }

        using var limited = await GetAccountsAsync(web.Client, Credential);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        await Task.Delay(limited.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(200));
        using var right = await GetAccountsAsync(web.Client, Credential);

        right.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> GetAccountsAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        return await client.SendAsync(request);
    }

    // A client whose connections come from another loopback address, as a second machine would.
    private static HttpClient ClientFrom(IPAddress source, Uri server) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = server,
    };
}
