namespace Flows.Web.Tests.Api;

/// <summary>Labels the API refuses at <c>/label</c>, and labels that are the same account's once normalised.</summary>
public sealed class AccountLabelApiTests
{
    // Written escaped (the test runner does not carry every control character through intact).
    public static TheoryData<string, string> Unprintable => new()
    {
        { @"Pr\u0000od", "control characters" },
        { @"Prod\u000D\u000AAdmin", "control characters" },
        { @"Prod\u0009EU", "control characters" },
        { @"Prod\u0085", "control characters" },
        { @"Prod\u202Egnp.exe", "text-direction controls" },
        { @"\u2066Prod\u2069", "text-direction controls" },
        { @"Prod\u200F", "text-direction controls" },
        { @"Prod\u061C", "text-direction controls" },
    };

    [Theory]
    [MemberData(nameof(Unprintable))]
    public async Task ALabelWithControlOrDirectionCharacters_Is422AtLabel_AndNothingIsSaved(string escaped, string named)
    {
        await using var api = await ApiSession.StartAsync();
        var label = Regex.Unescape(escaped);

        var answer = await api.PostAsync("/api/accounts", ApiSession.Body(label, "example.com", "k-123"));

        answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.Text);
        answer.ErrorsAt("/label").ShouldHaveSingleItem().ShouldContain(named);
        (await api.GetAsync("/api/accounts")).Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ALabelOf200000Characters_Is422AtLabel_SayingTheLimit()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.PostAsync("/api/accounts", ApiSession.Body(new string('a', 200_000), "example.com", "k-123"));

        answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.Text.Length > 500 ? answer.Text[..500] : answer.Text);
        answer.ErrorsAt("/label").ShouldHaveSingleItem().ShouldBe("Label must be at most 100 characters (this one has 200,000). Choose a shorter name.");
        (await api.GetAsync("/api/accounts")).Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ALabelOf100Characters_IsAccepted_And101AreNot()
    {
        await using var api = await ApiSession.StartAsync();

        (await api.PostAsync("/api/accounts", ApiSession.Body(new string('é', 100), "example.com", "k-123"))).Status.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync("/api/accounts", ApiSession.Body(new string('b', 101), "example.com", "k-123"))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("Caf\u00e9", "Cafe\u0301")] // NFC and NFD
    [InlineData("Sales", "\uFF33\uFF41\uFF4C\uFF45\uFF53")] // ASCII and fullwidth
    [InlineData("Stra\u00dfe", "STRA\u00dfE")] // case
    public async Task TwoLabelsThatLookTheSame_AreOneAccountsLabel(string first, string second)
    {
        await using var api = await ApiSession.StartAsync();
        await api.CreateAsync(first);

        var answer = await api.PostAsync("/api/accounts", ApiSession.Body(second, "example.org", "k-456"));

        answer.Status.ShouldBe(HttpStatusCode.Conflict, answer.Text);
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:duplicate-label");
    }
}
