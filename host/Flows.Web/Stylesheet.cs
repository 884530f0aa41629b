namespace Flows.Web;

/// <summary>The one stylesheet (Assets/flows.css), for pages written to a file rather than served.</summary>
public static class Stylesheet
{
    public static string Css => Pages.Assets.Text("flows.css");
}
