namespace Flows.Cli.Tests;

/// <summary>A data directory that cannot be used is said in one line, never as a stack trace.</summary>
public sealed class DataDirectoryTests
{
    // /proc refuses new folders even to root, so this fails the same way for every user.
    private const string Unusable = "/proc/flows-cannot-be-here";

    [Theory]
    [InlineData("accounts", "list")]
    [InlineData("serve", "--urls", "http://127.0.0.1:0")]
    public async Task Command_WithAnUnusableDataDirectory_SaysWhichAndHowToFixIt(params string[] args)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var run = await FlowsCommand.RunAsync(Unusable, args);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain($"The data directory is {Unusable}; set FLOWS_HOME");
        run.Error.ShouldNotContain("   at ");
    }
}
