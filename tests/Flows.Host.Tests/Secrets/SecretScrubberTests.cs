using System.Net;
using System.Text.Json;
using Flows.Contracts;
using Flows.Host.Secrets;

namespace Flows.Host.Tests.Secrets;

/// <summary>How a secret is masked in what a plugin hands back.</summary>
public sealed class SecretScrubberTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Scrub_TheValueAsTyped_IsMasked()
    {
        new SecretScrubber(["hunter22"]).Scrub("password hunter22 refused").ShouldBe("password ••• refused");
    }

    [Fact]
    public void Scrub_LongestFirst_SoACombinationIsMaskedWhole()
    {
        var scrubber = new SecretScrubber(["passw0rd", "passw0rdTOKEN123"]);

        scrubber.Scrub("sent passw0rdTOKEN123").ShouldBe("sent •••");
    }

    [Theory]
    [InlineData("k+CANARY<7f3a>&\"x\"")]
    [InlineData("ключ пароль 42")]
    public void Scrub_TheJsonEscapedAndUrlEncodedSpellings_AreMaskedToo(string secret)
    {
        var scrubber = new SecretScrubber([secret]);
        var spellings = new[]
        {
            JsonSerializer.Serialize(secret),
            JsonSerializer.Serialize(secret, Relaxed),
            Uri.EscapeDataString(secret),
            WebUtility.UrlEncode(secret),
        };

        foreach (var spelling in spellings)
        {
            var scrubbed = scrubber.Scrub($"body {spelling} end");
            scrubbed.ShouldNotContain(spelling.Trim('"'));
            scrubbed.ShouldContain(SecretScrubber.Mask);
        }
    }

    [Theory]
    [InlineData("on")]
    [InlineData("5432")]
    [InlineData("wrong")]
    public void Scrub_ValuesShorterThanTheMinimum_AreLeftAlone_SoMessagesStayReadable(string secret)
    {
        secret.Length.ShouldBeLessThan(SecretScrubber.MinimumLength);

        new SecretScrubber([secret]).Scrub("API key is wrong: connected on port 5432").ShouldBe("API key is wrong: connected on port 5432");
    }

    [Fact]
    public void Scrub_ALineOfAMultiLineSecret_IsMaskedAlone_ButNotItsArmour()
    {
        const string Key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n";

        var scrubbed = new SecretScrubber([Key]).Scrub("bad line MIIEvQIBADANBgkqhkiG9w0BAQEFAASC after -----BEGIN PRIVATE KEY-----");

        scrubbed.ShouldBe("bad line ••• after -----BEGIN PRIVATE KEY-----");
    }

    [Fact]
    public void Scrub_AResult_MasksItsMessageFieldErrorsWarningsAndIdentity()
    {
        var scrubber = new SecretScrubber(["s3cret-value"]);

        var invalid = scrubber.Scrub(AccountValidationResult.Invalid("no s3cret-value", new AccountFieldError("key", "bad s3cret-value")));
        var valid = scrubber.Scrub(AccountValidationResult.Valid("user s3cret-value", "warning s3cret-value"));
        var unavailable = scrubber.Scrub(AccountValidationResult.Unavailable("down s3cret-value"));

        invalid.Message.ShouldBe("no •••");
        invalid.FieldErrors.ShouldBe([new AccountFieldError("key", "bad •••")]);
        valid.IdentitySummary.ShouldBe("user •••");
        valid.Message.ShouldBe("Connected as user •••.");
        valid.Warnings.ShouldBe(["warning •••"]);
        unavailable.Message.ShouldBe("down •••");
        unavailable.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
    }

    [Fact]
    public void Scrub_LogArguments_MasksThoseThatRenderASecret_AndKeepsTheOthers()
    {
        var scrubber = new SecretScrubber(["s3cret-value"]);

        var args = scrubber.Scrub(["s3cret-value", new Uri("https://x.example/?k=s3cret-value"), 42, null]);

        args.ShouldBe(["•••", "https://x.example/?k=•••", 42, null]);
    }
}
