using Flows.Web.Tests.Api;

namespace Flows.Web.Tests;

/// <summary>
/// An account type whose plugin exports no validator, with a schema written like a published
/// connector spec (a developer note as its root description, a date-time whose pattern allows a date).
/// </summary>
public sealed class AccountTypeWithoutValidatorTests : IAsyncLifetime
{
    private const string PluginId = "fixture.novalidator";
    private const string TypeId = "fixture-novalidator.source";
    private const string AddForm = $"/connectors/{PluginId}/new/{TypeId}";
    private const string CannotBeValidated = "Event source accounts cannot be validated: the connector has no check for them. Save them without validating instead.";
    private WebSandbox _web = null!;

    private HttpClient Client => _web.Client;

    public async Task InitializeAsync() => _web = await WebSandbox.StartAsync(s => s.Add(Fixtures.NoValidator));

    public async Task DisposeAsync() => await _web.DisposeAsync();

    private async Task LoadTheConnectorAsync()
    {
        var activation = await _web.App.Services.GetRequiredService<PluginCatalog>().ActivateAsync(PluginId, CancellationToken.None);
        activation.IsSuccess.ShouldBeTrue(activation.Reason);
    }

    private Task<HttpResponseMessage> Add(string label, string startDate, string action) =>
        Client.PostFormAsync(AddForm, AddForm, ("$label", label), ("start_date", startDate), ("action", action));

    [Fact]
    public async Task AddForm_OnceTheConnectorIsLoaded_OffersApplyAsThePrimaryActionAndNoSaveAndValidate()
    {
        await LoadTheConnectorAsync();

        var (status, html) = await Client.GetPageAsync(AddForm);

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<button type=\"submit\" name=\"action\" value=\"apply\" class=\"primary\">Apply</button>");
        html.ShouldNotContain("value=\"save-and-validate\"");
        html.ShouldContain("No-validator fixture cannot check these accounts, so Apply saves them without validating.");
    }

    [Fact]
    public async Task SaveAndValidate_PostedAnyway_SaysOnceThatTheTypeCannotBeValidated_AndThenLeadsWithApply()
    {
        using var response = await Add("Events", "2021-07-25", "save-and-validate");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Nothing was saved");
        html.ShouldContain(CannotBeValidated);
        html.ShouldNotContain("could not be checked just now", customMessage: "not a passing fault: a second, conflicting message");
        html.ShouldNotContain("value=\"save-and-validate\"");
        html.ShouldContain("value=\"apply\" class=\"primary\"");
    }

    [Fact]
    public async Task Apply_TheSpecsOwnExampleOfADate_InADateTimeFieldWhosePatternAllowsIt_Saves()
    {
        using var response = await Add("Events", "2021-07-25", "apply");

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AddForm_ShowsTheManifestsDescription_NotTheSchemasRootDescription()
    {
        var (_, html) = await Client.GetPageAsync(AddForm);

        html.ShouldContain("Reads events from the source since a start date.");
        html.ShouldNotContain("INTERNAL: keep in sync");
    }

    [Fact]
    public async Task Api_CreateWithValidateTrue_Answers422CannotBeValidatedInOneSentence()
    {
        await using var api = await ApiSession.StartAsync(s => s.Add(Fixtures.NoValidator));
        var body = new JsonObject { ["accountTypeId"] = TypeId, ["label"] = "Events", ["values"] = new JsonObject { ["start_date"] = "2021-07-25" }, ["validate"] = true };

        var answer = await api.PostAsync("/api/accounts", body);

        answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.Text);
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:cannot-be-validated");
        answer.Json["detail"]!.GetValue<string>().ShouldBe(CannotBeValidated);
        answer.Json["verdict"].ShouldBeNull();
        answer.Json["errors"].ShouldBeNull();
        (await api.GetAsync("/api/accounts")).Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Cli_AddWithValidate_SaysOnceThatTheTypeCannotBeValidated_AndSavesNothing()
    {
        using var sandbox = new PluginSandbox();
        sandbox.Add(Fixtures.NoValidator);

        var run = await FlowsCommand.RunAsync(sandbox.Home, "accounts", "add", TypeId, "--label", "Events", "--set", "start_date=2021-07-25", "--validate");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain(CannotBeValidated);
        run.Error.ShouldNotContain("could not check the account");
        run.Error.ShouldNotContain("Use Apply");
        (await FlowsCommand.RunAsync(sandbox.Home, "accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }
}
