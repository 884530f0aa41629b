namespace Flows.Host.Tests.Accounts;

/// <summary>
/// The account store's secret split reads a JSON Pointer the way the forms do (RFC 6901): an empty
/// segment names the member called "", so both reach the same value.
/// </summary>
public sealed class SecretSplitPointerTests
{
    private const string Values = """
    { "": "top-level secret", "a": { "": { "b": "nested secret" }, "b": "plain value" } }
    """;

    [Theory]
    [InlineData("/")]
    [InlineData("/a//b")]
    public void APointerWithAnEmptySegment_LeadsTheFormAndTheSecretSplitToTheSameValue(string location)
    {
        var values = JsonNode.Parse(Values)!.AsObject();

        var seenByTheForm = JsonPointers.Find(values, location).ShouldNotBeNull();
        var (_, secrets) = SecretValues.Split(values, [location]);

        secrets.ShouldHaveSingleItem().Value.ShouldBe(seenByTheForm.ToJsonString());
    }
}
