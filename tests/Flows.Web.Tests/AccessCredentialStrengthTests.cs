using Flows.Web.Security;

namespace Flows.Web.Tests;

public sealed class AccessCredentialStrengthTests
{
    [Theory]
    [InlineData("Nq5vB8xT2kM7rW1cZ4hL9p")]
    [InlineData("Nq5vB8xT2kM7rW1cZ4hL9pD6sG3fJ0yAq5vB8xT2kM=")]
    [InlineData("3f9a0c7e15b24d68a9e0f1c2b3d4e5f6")]
    [InlineData("Xb3nK8qW1zP6tR9vL2mC5hD0sJ7gF4yE")]
    public void Problem_ForARandomValue_IsNone(string credential) =>
        AccessCredentialStrength.Problem(credential).ShouldBeNull();

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaa", "only 1 different character")]
    [InlineData("passwordpassword", "only 7 different characters")]
    [InlineData("abcdefghijklmnop", "at least 128 are needed")]
    [InlineData("Tr0ub4dor&3", "at least 128 are needed")]
    [InlineData("0123456789012345678901234567890123456789", "it repeats itself")]
    public void Problem_ForAValueEasyToGuess_SaysWhyAndHowToMakeOne(string credential, string reason)
    {
        var problem = AccessCredentialStrength.Problem(credential).ShouldNotBeNull();

        problem.ShouldStartWith("FLOWS_ACCESS_TOKEN is too easy to guess");
        problem.ShouldContain(reason);
        problem.ShouldContain("openssl rand -base64 32");
        problem.ShouldNotContain(credential);
    }
}
