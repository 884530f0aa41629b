namespace Flows.Web;

/// <summary>The stylesheets (the forms' first, then the pages'), for pages written to a file rather than served.</summary>
public static class Stylesheet
{
    public static string Css => Pages.Assets.Text(Flows.Forms.AspNetCore.SchemaFormAssets.Stylesheet) + "\n" + Pages.Assets.Text("flows.css");
}
