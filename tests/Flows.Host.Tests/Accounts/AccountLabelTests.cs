namespace Flows.Host.Tests.Accounts;

/// <summary>The label rule (one place, used by the store, the API, the screens and the CLI); the store keeping it: <see cref="AccountStoreTests"/>.</summary>
public sealed class AccountLabelTests
{
    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0009)]
    [InlineData(0x000A)]
    [InlineData(0x000D)]
    [InlineData(0x001B)]
    [InlineData(0x007F)]
    [InlineData(0x0085)]
    [InlineData(0x009B)]
    public void AControlCharacter_IsRefused_NamingItAndWhereItIs(int codePoint)
    {
        var problem = AccountLabels.Problem("Pr" + char.ConvertFromUtf32(codePoint) + "od");

        problem.ShouldNotBeNull().ShouldContain("control characters");
        problem.ShouldContain($"U+{codePoint:X4} at character 3");
    }

    [Theory]
    [InlineData(0x202A)]
    [InlineData(0x202B)]
    [InlineData(0x202C)]
    [InlineData(0x202D)]
    [InlineData(0x202E)]
    [InlineData(0x2066)]
    [InlineData(0x2067)]
    [InlineData(0x2068)]
    [InlineData(0x2069)]
    [InlineData(0x200E)]
    [InlineData(0x200F)]
    [InlineData(0x061C)]
    public void ATextDirectionControl_IsRefused(int codePoint) =>
        AccountLabels.Problem("Prod" + char.ConvertFromUtf32(codePoint) + "exe.txt").ShouldNotBeNull().ShouldContain("text-direction controls");

    [Fact]
    public void TheLengthLimit_CountsCharactersAfterNormalisation_NotUtf16Units()
    {
        AccountLabels.Problem(string.Concat(Enumerable.Repeat("😀", 100))).ShouldBeNull();
        AccountLabels.Problem(string.Concat(Enumerable.Repeat("e\u0301", 100))).ShouldBeNull(); // 100 "é" once composed
        AccountLabels.Problem(new string('x', 101)).ShouldBe("Label must be at most 100 characters (this one has 101). Choose a shorter name.");
        AccountLabels.Problem(new string('x', 200_000)).ShouldBe("Label must be at most 100 characters (this one has 200,000). Choose a shorter name.");
    }

    [Fact]
    public void OrdinaryLabels_InAnyScript_AreAccepted()
    {
        foreach (var label in new[] { "Prod", "Café EU", "生产环境", "إنتاج", "Прод (old)", "a b\u00a0c", "👩‍💻 dev" })
        {
            AccountLabels.Problem(label).ShouldBeNull(label);
        }
    }

    [Fact]
    public void ALabelIsStoredInCanonicalForm_AndComparedAfterCompatibilityNormalisationIgnoringCase()
    {
        AccountLabels.Clean("  Cafe\u0301 ").ShouldBe("Caf\u00e9");
        AccountLabels.Same("Caf\u00e9", "CAFE\u0301").ShouldBeTrue();
        AccountLabels.Same("Sales", "\uFF33\uFF41\uFF4C\uFF45\uFF53").ShouldBeTrue();
        AccountLabels.Same("Sales", "Sale").ShouldBeFalse();
    }
}
