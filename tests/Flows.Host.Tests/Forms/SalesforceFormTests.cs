namespace Flows.Host.Tests.Forms;

/// <summary>The Salesforce schemas, as the real plugin build ships them, turned into the account forms users fill in.</summary>
public sealed class SalesforceFormTests
{
    private static FormSchema Load(string file)
    {
        var path = Path.Combine(FixtureFolders.PathOf(Fixtures.Salesforce), "schemas", file);
        var loaded = FormSchema.Load(File.ReadAllText(path));
        return loaded.Schema ?? throw new InvalidOperationException(string.Join("; ", loaded.Errors));
    }

    private static AccountForm Standard() => AccountForm.For("Salesforce.com account", Load("salesforce.standard.schema.json"), "Salesforce_sales_account");

    [Fact]
    public void StandardAccount_HasTheSeedsFieldsInTheSeedsOrderWithSecretsMarked()
    {
        var form = Standard();

        form.Fields.Select(f => f.Title).ShouldBe(["Label", "Username", "Password", "Security token", "Login URL", "Sandbox"]);
        form.Fields.Where(f => f.Secret).Select(f => f.Title).ShouldBe(["Password", "Security token"]);
        form.Fields.Select(f => f.Kind).ShouldBe([FieldKind.Text, FieldKind.Text, FieldKind.Text, FieldKind.Text, FieldKind.Text, FieldKind.Boolean]);
        form.Label.Help.ShouldBe("Enter a unique name to help identify your Salesforce.com account in Flows. For example, Salesforce_sales_account.");
        var loginUrl = form.Fields.Single(f => f.Title == "Login URL");
        loginUrl.Format.ShouldBe(TextFormat.Uri);
        loginUrl.Default!.GetValue<string>().ShouldBe("https://login.salesforce.com/");
        form.Fields.Single(f => f.Title == "Security token").Help.ShouldNotBeNull().ShouldContain("Reset My Security Token");
    }

    [Fact]
    public void DynamicAccount_HasTheSeedsFields()
    {
        var form = AccountForm.For("Salesforce.com dynamic account", Load("salesforce.dynamic.schema.json"));

        form.Fields.Select(f => f.Title).ShouldBe(["Label", "Access token", "Instance URL"]);
        form.Fields.Where(f => f.Secret).Select(f => f.Title).ShouldBe(["Access token"]);
    }

    [Fact]
    public void Submit_CompleteForm_BindsTypedValuesAndOmitsEmptyOptionalFields()
    {
        var schema = Load("salesforce.standard.schema.json");
        var values = new FormValues()
            .Add("username", "alice@acme.example")
            .Add("password", "s3cret")
            .Add("securityToken", string.Empty)
            .Add("loginUrl", "https://acme.my.salesforce.com/")
            .Add("sandbox", "false")
            .Add("sandbox", "true");

        var submission = schema.Submit(values);

        submission.Errors.All().ShouldBeEmpty();
        submission.Instance.ToJsonString().ShouldBe("""{"username":"alice@acme.example","password":"s3cret","loginUrl":"https://acme.my.salesforce.com/","sandbox":true}""");
    }

    [Fact]
    public void Submit_BadValues_PutsAPlainMessageNextToEachField()
    {
        var schema = Load("salesforce.standard.schema.json");
        var values = new FormValues().Add("password", "x").Add("loginUrl", "not a url");

        var errors = schema.Submit(values).Errors;

        errors.Fields["username"].ShouldBe(["Username is required."]);
        // Login URL has a pattern as well as a format: the pattern decides, and says what it means.
        errors.Fields["loginUrl"].ShouldBe(["Login URL is not in the expected form (it must start with https://)."]);
        errors.Form.ShouldBeEmpty();
    }

    [Fact]
    public void Submit_LoginUrlThatIsNotWeb_SaysWhatThePatternMeans()
    {
        // http passes the schema: whether a plain-http address may be called is the connector's
        // endpoint policy, which allows it only for loopback addresses the operator listed.
        var schema = Load("salesforce.standard.schema.json");
        var values = new FormValues().Add("username", "a@b.c").Add("password", "x").Add("loginUrl", "ftp://login.salesforce.com/");

        schema.Submit(values).Errors.Fields["loginUrl"].ShouldBe(["Login URL is not in the expected form (it must start with https://)."]);
    }

    [Fact]
    public void EditForm_NeverContainsAStoredSecret_AndAnEmptySecretKeepsIt()
    {
        var schema = Load("salesforce.standard.schema.json");
        var stored = JsonNode.Parse("""{"username":"alice@acme.example","password":"s3cret","securityToken":"TOKEN","loginUrl":"https://login.salesforce.com/","sandbox":false}""")!.AsObject();

        var editForm = FormBinder.Unbind(schema.Model, stored);
        editForm.Names.ShouldNotContain("password");
        editForm.Names.ShouldNotContain("securityToken");
        FormBinder.StoredSecrets(schema.Model, stored).ShouldBe(["password", "securityToken"]);

        editForm.Add("username", "alice@acme.example").Add("password", string.Empty);
        var kept = schema.Submit(editForm, stored).Instance;

        kept["password"]!.GetValue<string>().ShouldBe("s3cret");
        kept["securityToken"]!.GetValue<string>().ShouldBe("TOKEN");
    }

    [Fact]
    public void EditForm_NewSecretReplacesAndClearRemoves()
    {
        var schema = Load("salesforce.standard.schema.json");
        var stored = JsonNode.Parse("""{"username":"a@b.c","password":"old","securityToken":"TOKEN","loginUrl":"https://login.salesforce.com/"}""")!.AsObject();
        var values = FormBinder.Unbind(schema.Model, stored)
            .Add("password", "new")
            .Add(FormPath.ClearSecret("securityToken"), "on");

        var instance = schema.Submit(values, stored).Instance;

        instance["password"]!.GetValue<string>().ShouldBe("new");
        instance.ContainsKey("securityToken").ShouldBeFalse();
    }

    [Theory]
    [InlineData("••••••••")]
    [InlineData("********")]
    public void EditForm_AMaskPostedBack_IsNeverSavedAsTheSecret(string mask)
    {
        var schema = Load("salesforce.standard.schema.json");
        var stored = JsonNode.Parse("""{"username":"a@b.c","password":"real","loginUrl":"https://login.salesforce.com/"}""")!.AsObject();

        var edited = schema.Submit(FormBinder.Unbind(schema.Model, stored).Add("password", mask), stored);
        var created = schema.Submit(new FormValues().Add("username", "a@b.c").Add("password", mask));

        edited.Instance["password"]!.GetValue<string>().ShouldBe("real");
        created.Instance.ContainsKey("password").ShouldBeFalse();
        created.Errors.Fields["password"].ShouldBe(["Password: enter the real value, not a placeholder."]);
    }
}
