using Flows.Contracts;

namespace Flows.Host.Tests.Accounts;

/// <summary>Apply, Save &amp; Validate and re-validation, through the real fixture plugin and a real store.</summary>
public sealed class AccountServiceTests : IDisposable
{
    private const string TypeId = "fixture-good.basic";
    private readonly PluginSandbox _sandbox = new();
    private readonly ServiceProvider _host;

    public AccountServiceTests()
    {
        _sandbox.Add(Fixtures.Good);
        _host = _sandbox.CreateHost();
    }

    private AccountService Service => _host.GetRequiredService<AccountService>();

    private AccountStore Store => _host.GetRequiredService<AccountStore>();

    public void Dispose()
    {
        _host.Dispose();
        _sandbox.Dispose();
    }

    private static FormValues Form(string label, string host, string apiKey) =>
        new FormValues().Add(FormPath.Label, label).Add("host", host).Add("apiKey", apiKey);

    [Fact]
    public async Task Apply_ValidValues_SavesTheAccountAsNotValidated()
    {
        var result = await Service.ApplyAsync(TypeId, Form("Prod", "example.com", "k"), null, CancellationToken.None);

        result.Saved.ShouldBeTrue(string.Join("; ", result.Errors.All()));
        result.Account!.Status.Kind.ShouldBe(AccountStatusKind.NotValidated);
        result.Account.Label.ShouldBe("Prod");
        (await Store.ListAsync(TypeId)).Single().Label.ShouldBe("Prod");
    }

    [Fact]
    public async Task Apply_InvalidValues_SavesNothingAndSaysWhyNextToEachField()
    {
        var result = await Service.ApplyAsync(TypeId, new FormValues().Add("host", "example.com"), null, CancellationToken.None);

        result.Saved.ShouldBeFalse();
        result.Errors.Fields[FormPath.Label].ShouldBe(["Label is required."]);
        result.Errors.Fields["apiKey"].ShouldBe(["API key is required."]);
        (await Store.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Apply_DuplicateLabelIgnoringCaseAndSpaces_IsRefusedNamingTheExistingAccount()
    {
        var first = await Service.ApplyAsync(TypeId, Form("Sales", "a", "k"), null, CancellationToken.None);

        var second = await Service.ApplyAsync(TypeId, Form("  sales ", "b", "k"), null, CancellationToken.None);

        second.Saved.ShouldBeFalse();
        second.Errors.Fields[FormPath.Label].ShouldHaveSingleItem().ShouldContain($"An account named 'Sales' already exists");
        second.Errors.Fields[FormPath.Label][0].ShouldContain(first.Account!.Id);
    }

    [Fact]
    public async Task SaveAndValidate_Accepted_SavesItAsValidWithWhoseAccountItIs()
    {
        var result = await Service.SaveAndValidateAsync(TypeId, Form("Prod", "example.com", "k"), null, CancellationToken.None);

        result.Saved.ShouldBeTrue(string.Join("; ", result.Errors.All()));
        result.Account!.Status.Kind.ShouldBe(AccountStatusKind.Valid);
        result.Account.Status.Detail.ShouldNotBeNull().ShouldStartWith("example.com via Newtonsoft.Json 13.");
    }

    [Fact]
    public async Task SaveAndValidate_Rejected_SavesNothingAndBlamesTheFieldTheConnectorNamed()
    {
        var result = await Service.SaveAndValidateAsync(TypeId, Form("Prod", "example.com", "wrong"), null, CancellationToken.None);

        result.Saved.ShouldBeFalse();
        result.Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Errors.Fields["apiKey"].ShouldBe(["The service rejected this API key."]);
        result.Errors.Form.ShouldBe(["API key is wrong"]);
        (await Store.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveAndValidate_ServiceDown_SavesNothingAndSaysTryLater()
    {
        var result = await Service.SaveAndValidateAsync(TypeId, Form("Prod", "down", "k"), null, CancellationToken.None);

        result.Saved.ShouldBeFalse();
        result.Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        (await Store.ListAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("hang")]
    [InlineData("block")]
    public async Task SaveAndValidate_WhenTheValidatorOverrunsTheTimeLimit_GivesUpSavesNothingAndSaysTryLater(string behaviour)
    {
        using var host = _sandbox.CreateHost(validationTimeout: TimeSpan.FromMilliseconds(300));
        var service = host.GetRequiredService<AccountService>();

        // Without the limit "hang" never returns and "block" answers only after 20 s.
        var result = await service.SaveAndValidateAsync(TypeId, Form("Prod", behaviour, "k"), null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        result.Saved.ShouldBeFalse();
        result.Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        result.Verdict.Message.ShouldBe("The check did not finish within 0.3 s. Try again later.");
        (await host.GetRequiredService<AccountStore>().ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Revalidate_WhenTheValidatorNeverFinishes_RecordsUnavailableAndTheHostGoesOn()
    {
        using var host = _sandbox.CreateHost(validationTimeout: TimeSpan.FromMilliseconds(300));
        var service = host.GetRequiredService<AccountService>();
        var saved = await service.ApplyAsync(TypeId, Form("Prod", "hang", "k"), null, CancellationToken.None);

        var result = await service.RevalidateAsync(saved.Account!.Id, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var next = await service.SaveAndValidateAsync(TypeId, Form("Other", "example.com", "k"), null, CancellationToken.None);

        result.Account!.Status.Kind.ShouldBe(AccountStatusKind.Unavailable);
        result.Account.Status.Detail.ShouldBe("The check did not finish within 0.3 s. Try again later.");
        next.Saved.ShouldBeTrue(string.Join("; ", next.Errors.All()));
    }

    [Fact]
    public async Task Edit_WithoutReEnteringTheSecret_KeepsTheStoredSecret()
    {
        var created = await Service.ApplyAsync(TypeId, Form("Prod", "example.com", "s3cret"), null, CancellationToken.None);

        var edited = await Service.ApplyAsync(TypeId, new FormValues().Add(FormPath.Label, "Prod").Add("host", "other.example").Add("apiKey", string.Empty), created.Account!.Id, CancellationToken.None);

        edited.Saved.ShouldBeTrue(string.Join("; ", edited.Errors.All()));
        var values = (await Store.GetAsync(created.Account.Id))!.GetValues();
        values["host"]!.GetValue<string>().ShouldBe("other.example");
        values["apiKey"]!.GetValue<string>().ShouldBe("s3cret");
    }

    [Fact]
    public async Task Revalidate_RecordsWhatTheConnectorSaysNow()
    {
        var created = await Service.ApplyAsync(TypeId, Form("Prod", "example.com", "wrong"), null, CancellationToken.None);

        var result = await Service.RevalidateAsync(created.Account!.Id, CancellationToken.None);

        result.Account!.Status.Kind.ShouldBe(AccountStatusKind.Invalid);
        result.Account.Status.Detail.ShouldBe("API key is wrong");
    }

    [Fact]
    public async Task Apply_UnknownAccountType_IsAClearErrorNotAnException()
    {
        var result = await Service.ApplyAsync("nope.type", Form("x", "h", "k"), null, CancellationToken.None);

        result.Saved.ShouldBeFalse();
        result.Errors.Form.ShouldBe(["No active plugin offers the account type 'nope.type'."]);
    }
}
