using Microsoft.Playwright;

namespace Flows.Web.BrowserTests.Support;

/// <summary>
/// Full-page screenshots of the main screens into screenshots/ next to the tests. The README's
/// pictures in docs/screenshots are written only when missing or when FLOWS_UPDATE_SCREENSHOTS=1,
/// so a test run does not change the repository.
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task SaveAsync(IPage page, string name, bool forReadme = false)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        if (!forReadme)
        {
            return;
        }

        var docs = Path.Combine(BuildOutputs.RepoRoot, "docs", "screenshots");
        var target = Path.Combine(docs, name + ".png");
        if (!File.Exists(target) || Environment.GetEnvironmentVariable("FLOWS_UPDATE_SCREENSHOTS") == "1")
        {
            System.IO.Directory.CreateDirectory(docs);
            File.Copy(path, target, overwrite: true);
        }
    }
}
