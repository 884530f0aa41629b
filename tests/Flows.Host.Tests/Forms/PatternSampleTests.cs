using System.Text.RegularExpressions;

namespace Flows.Host.Tests.Forms;

public sealed class PatternSampleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(@"^https://")]
    [InlineData(@"^https?://")]
    [InlineData(@"^sk_(live|test)_[0-9a-zA-Z]{24,}$")]
    [InlineData(@"^AC[0-9a-fA-F]{32}$")]
    [InlineData(@"^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$")]
    [InlineData(@"^SHA256:[A-Za-z0-9+/]{43}$")]
    [InlineData(@"^[a-z0-9-]+\.myshopify\.com$")]
    [InlineData(@"^(secret_|ntn_)[A-Za-z0-9]{20,}$")]
    [InlineData(@"^pat[A-Za-z0-9]{14}\.[0-9a-f]{64}$")]
    [InlineData(@"^app[A-Za-z0-9]{14}$")]
    [InlineData(@"^/sql/1\.0/warehouses/[0-9a-f]+$")]
    [InlineData(@"^https://[a-z0-9-]+\.(cloud\.databricks\.com|azuredatabricks\.net|gcp\.databricks\.com)/?$")]
    [InlineData(@"^[^\s:]+:\d{1,5}$")]
    [InlineData(@"^([^=&]+=[^=&]*)(&[^=&]+=[^=&]*)*$")]
    [InlineData(@"^(hvs\.|s\.)[A-Za-z0-9]{24,}$")]
    [InlineData(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    [InlineData(@"^\d{4}-\d{2}-\d{2}$")]
    [InlineData(@"^[A-Z]{2}$")]
    [InlineData(@"^\S+@\S+$")]
    [InlineData(@"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$")]
    [InlineData(@"^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$")]
    [InlineData(@"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    [InlineData(@"^xox[bp]-[0-9A-Za-z-]+$")]
    [InlineData(@"^gh[pousr]_[A-Za-z0-9]{36}$")]
    [InlineData(@"^AKIA[0-9A-Z]{16}$")]
    [InlineData(@"^(?<user>[a-z]+)@(?<host>[a-z.]+)$")]
    [InlineData(@"^\p{L}+$")]
    [InlineData(@"^[^@]+$")]
    [InlineData(@"sk_(live|test)_")]
    [InlineData(@"^[a-zA-Z0-9_]+$")]
    [InlineData(@"^\w+$")]
    [InlineData(@"^[0-9]+$")]
    [InlineData(@"^\d+$")]
    [InlineData(@"^[a-z][a-z0-9_]{2,29}$")]
    [InlineData(@"^[A-Za-z0-9-_]+\.[A-Za-z0-9-_]+\.[A-Za-z0-9-_]*$")]
    [InlineData(@"^(https?|wss?)://[^\s/$.?#].[^\s]*$")]
    [InlineData(@"^[a-zA-Z0-9-]+\.atlassian\.net$")]
    [InlineData(@"^[a-z0-9]+([-.][a-z0-9]+)*\.zendesk\.com$")]
    [InlineData(@"^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$")]
    [InlineData(@"^00D[A-Za-z0-9]{12,15}$")]
    [InlineData(@"^(us|eu|ap)[0-9]?$")]
    [InlineData(@"^(?i)[a-f0-9]{32}$")]
    [InlineData(@"^(?i:bearer) \S+$")]
    [InlineData(@"^[\u0041-\u005A]{3}$")]
    [InlineData(@"^\x41B\u0043$")]
    [InlineData(@"^\A[a-z]+\z")]
    [InlineData(@"\bkey-[0-9]+\b")]
    [InlineData(@"^(\d{3})-\1$")]
    [InlineData(@"^(?<word>[a-z]+)=\k<word>$")]
    [InlineData(@"^[^\d\s]+$")]
    [InlineData(@"^\D\W\S$")]
    [InlineData(@"^[a-z-[aeiou]]+$")]
    [InlineData(@"^[]a]+$")]
    [InlineData(@"^a{2}?b{1,3}?c*?d+?$")]
    [InlineData(@"^(?#a comment)[a-z]{3}$")]
    [InlineData(@"^.+\.(json|ya?ml)$")]
    [InlineData(@"^-?\d+(\.\d+)?$")]
    [InlineData(@"^\+[1-9]\d{1,14}$")]
    [InlineData(@"^[A-Z]{3}-\d{4}$|^N/A$")]
    [InlineData(@"^$|^[a-z]+$")]
    [InlineData(@"^[\w.+-]+@[\w-]+\.[\w.-]+$")]
    [InlineData(@"^arn:aws:iam::\d{12}:role/[\w+=,.@-]+$")]
    [InlineData(@"^projects/[^/]+/locations/[^/]+$")]
    [InlineData(@"a{,3}")]
    public void TryGenerate_RealConnectorPattern_ProducesAMatchingString(string pattern)
    {
        var sample = PatternSample.TryGenerate(pattern);

        sample.ShouldNotBeNull();
        Regex.IsMatch(sample, pattern, RegexOptions.None, Timeout).ShouldBeTrue($"'{sample}' should match {pattern}");
    }

    [Fact]
    public void TryGenerate_StripeKeyPattern_ProducesAMatchingKey()
    {
        var sample = PatternSample.TryGenerate("^sk_(live|test)_[0-9a-zA-Z]{24,}$");

        sample.ShouldNotBeNull();
        sample.ShouldStartWith("sk_live_");
        sample.Length.ShouldBe(32);
    }

    [Fact]
    public void TryGenerate_UnanchoredPattern_ProducesJustTheMatch()
    {
        PatternSample.TryGenerate("sk_(live|test)_").ShouldBe("sk_live_");
    }

    [Fact]
    public void TryGenerate_MinLength_GrowsTheRepeatableElement()
    {
        var sample = PatternSample.TryGenerate("^sk_(live|test)_[0-9a-zA-Z]{24,}$", minLength: 40, maxLength: 40);

        sample.ShouldNotBeNull();
        sample.Length.ShouldBe(40);
        Regex.IsMatch(sample, "^sk_(live|test)_[0-9a-zA-Z]{24,}$").ShouldBeTrue();
    }

    [Fact]
    public void TryGenerate_MinLengthOnAnUnanchoredEnd_PadsTheString()
    {
        var sample = PatternSample.TryGenerate("^https://", minLength: 20);

        sample.ShouldNotBeNull();
        sample.Length.ShouldBe(20);
        sample.ShouldStartWith("https://");
    }

    [Fact]
    public void TryGenerate_MinLengthOnAFixedWidthAnchoredPattern_ReturnsNull()
    {
        PatternSample.TryGenerate("^[A-Z]{2}$", minLength: 3).ShouldBeNull();
    }

    [Fact]
    public void TryGenerate_MaxLength_PicksAShorterAlternative()
    {
        var sample = PatternSample.TryGenerate("^(secret_|ntn_)[A-Za-z0-9]{20,}$", maxLength: 24);

        sample.ShouldNotBeNull();
        sample.ShouldStartWith("ntn_");
        sample.Length.ShouldBe(24);
    }

    [Fact]
    public void TryGenerate_MaxLengthShorterThanAnyMatch_ReturnsNull()
    {
        PatternSample.TryGenerate(@"^[a-z0-9-]+\.myshopify\.com$", maxLength: 5).ShouldBeNull();
    }

    [Fact]
    public void TryGenerate_MinAndMaxLength_StaysWithinBoth()
    {
        var sample = PatternSample.TryGenerate(@"^[a-z0-9-]+\.myshopify\.com$", minLength: 30, maxLength: 32);

        sample.ShouldNotBeNull();
        sample.Length.ShouldBeInRange(30, 32);
        sample.ShouldEndWith(".myshopify.com");
    }

    [Fact]
    public void TryGenerate_MinLengthGreaterThanMaxLength_ReturnsNull()
    {
        PatternSample.TryGenerate("^[a-z]+$", minLength: 10, maxLength: 5).ShouldBeNull();
    }

    [Fact]
    public void TryGenerate_BoundedRepeatWithMinLength_GrowsWithinTheBound()
    {
        var sample = PatternSample.TryGenerate(@"^[^\s:]+:\d{1,5}$", minLength: 12);

        sample.ShouldNotBeNull();
        sample.Length.ShouldBeGreaterThanOrEqualTo(12);
        Regex.IsMatch(sample, @"^[^\s:]+:\d{1,5}$").ShouldBeTrue();
    }

    [Fact]
    public void TryGenerate_CatastrophicPattern_ReturnsWithoutHanging()
    {
        var sample = PatternSample.TryGenerate("^(a+)+$");

        if (sample is not null)
        {
            Regex.IsMatch(sample, "^(a+)+$", RegexOptions.None, Timeout).ShouldBeTrue();
        }
    }

    [Fact]
    public void TryGenerate_PasswordLookaheads_ProducesNullOrAVerifiedMatch()
    {
        const string pattern = @"^(?=.*\d)(?=.*[a-z]).{8,}$";

        var sample = PatternSample.TryGenerate(pattern);

        if (sample is not null)
        {
            Regex.IsMatch(sample, pattern, RegexOptions.None, Timeout).ShouldBeTrue();
        }
    }

    [Fact]
    public void TryGenerate_PasswordLookaheads_AreSatisfiedByCyclingCharacters()
    {
        const string pattern = @"^(?=.*[A-Z])(?=.*\d)(?=.*[!@#$%^&*]).{10,}$";

        var sample = PatternSample.TryGenerate(pattern);

        sample.ShouldNotBeNull();
        Regex.IsMatch(sample, pattern).ShouldBeTrue();
    }

    [Fact]
    public void TryGenerate_NegativeLookaheadThatRejectsTheFirstTry_StillFindsAMatch()
    {
        const string pattern = "^(?!a)[a-z]+$";

        var sample = PatternSample.TryGenerate(pattern);

        sample.ShouldNotBeNull();
        Regex.IsMatch(sample, pattern).ShouldBeTrue();
    }

    [Fact]
    public void TryGenerate_NegatedClass_PicksACharacterOutsideTheSet()
    {
        PatternSample.TryGenerate("^[^a-zA-Z0-9]$").ShouldBe("_");
    }

    [Theory]
    [InlineData("(")]
    [InlineData("[a-")]
    [InlineData("a)")]
    [InlineData("*a")]
    [InlineData(@"\")]
    [InlineData(@"(?<open")]
    public void TryGenerate_InvalidPattern_ReturnsNullWithoutThrowing(string pattern)
    {
        PatternSample.TryGenerate(pattern).ShouldBeNull();
    }

    [Theory]
    [InlineData(@"^[^\s\S]$")]
    [InlineData(@"^a{600}$")]
    [InlineData(@"^(?x) a b $")]
    [InlineData(@"^(?(a)a|b)$")]
    public void TryGenerate_UnsatisfiableOrUnsupportedPattern_ReturnsNull(string pattern)
    {
        PatternSample.TryGenerate(pattern).ShouldBeNull();
    }

    [Fact]
    public void TryGenerate_EveryResult_IsShortAndBounded()
    {
        var sample = PatternSample.TryGenerate(@"^[a-z]{2,}(\.[a-z]+)*$", minLength: 5000);

        sample.ShouldBeNull();
    }
}
