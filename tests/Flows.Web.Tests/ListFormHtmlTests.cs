namespace Flows.Web.Tests;

/// <summary>How lists are drawn: empty when they may be, marked when they may not, their messages beside them.</summary>
public sealed class ListFormHtmlTests
{
    private static AccountForm Form() => AccountForm.For("Database", FormSchema.Load("""
        { "type": "object", "required": ["schemas"], "properties": {
            "schemas": { "title": "Schemas", "description": "Which schemas to read.", "type": "array", "minItems": 1, "items": { "type": "string" } },
            "table_filters": { "title": "Table Filters", "type": "array",
              "items": { "type": "object", "required": ["database_name"], "properties": { "database_name": { "title": "Database Name", "type": "string" } } } } } }
        """).Schema!);

    [Fact]
    public void AnOptionalList_StartsWithNoRow()
    {
        var html = FormMarkup.Fields(Form());

        html.ShouldNotContain("table_filters[0]");
        html.ShouldContain("name=\"add-row\" value=\"table_filters\" data-next=\"0\"");
    }

    [Fact]
    public void AnOptionalListWhoseLastRowWasRemoved_ShowsNoRow()
    {
        var values = new FormValues().Add("schemas[0]", "public").Add("table_filters[0].database_name", string.Empty).Without("table_filters[0]");

        FormMarkup.Fields(Form(), values).ShouldNotContain("table_filters[0]");
    }

    [Fact]
    public void ARowHoldingASavedEntry_CarriesItsMarkToTheNextPost()
    {
        var values = new FormValues().Add("table_filters[0]", FormBinder.SavedRowMark).Add("table_filters[0].database_name", "sales");

        FormMarkup.Fields(Form(), values).ShouldContain("<input type=\"hidden\" name=\"table_filters[0]\" value=\"saved\"");
    }

    [Fact]
    public void ARequiredList_OffersItsFirstRow_AndIsMarkedRequired()
    {
        var html = FormMarkup.Fields(Form());

        html.ShouldContain("name=\"schemas[0]\"");
        html.ShouldContain("<legend>Schemas <span class=\"required\" aria-hidden=\"true\">*</span></legend>");
        html.ShouldContain("<legend>Table Filters</legend>");
    }

    [Fact]
    public void AListsMessage_IsShownBesideIt_AndTiedToIt()
    {
        var errors = new FormErrors();
        errors.AddField("schemas", "Schemas is required.");

        var html = FormMarkup.Fields(Form(), new FormValues(), errors);

        html.ShouldContain("<fieldset class=\"list\" id=\"f-schemas\" aria-describedby=\"f-schemas-help f-schemas-error\"");
        html.ShouldContain("<p class=\"error\" id=\"f-schemas-error\" role=\"alert\">Schemas is required.</p>");
    }

    [Fact]
    public void ThePreviewsFirstSubmitButton_IsThePrimaryAction()
    {
        var html = FormMarkup.Preview(Form());

        FirstSubmitButton(html).ShouldContain("value=\"save-and-validate\"");
    }

    internal static string FirstSubmitButton(string html)
    {
        var form = html[html.IndexOf("<form method=\"post\"", StringComparison.Ordinal)..];
        var start = form.IndexOf("<button type=\"submit\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0);
        return form[start..form.IndexOf('>', start)];
    }
}
