using Flows.Host.Secrets;

namespace Flows.Host.Tests.Secrets;

/// <summary>Which secrets a plugin's log is masked with: those of its checks now and of its last few.</summary>
public sealed class PluginSecretScrubbingTests
{
    [Fact]
    public void For_APluginWithACheckRunning_MasksThatChecksSecrets_AndNotForOtherPlugins()
    {
        var scrubbing = new PluginSecretScrubbing();

        using (scrubbing.Track("acme", ["s3cret-value"]))
        {
            scrubbing.For("acme").Scrub("key s3cret-value").ShouldBe("key •••");
            scrubbing.For("other").Scrub("key s3cret-value").ShouldBe("key s3cret-value");
        }
    }

    [Fact]
    public void For_AfterTheCheckEnded_StillMasksItsSecrets_ForALateLogLine()
    {
        var scrubbing = new PluginSecretScrubbing();

        scrubbing.Track("acme", ["s3cret-value"]).Dispose();

        scrubbing.For("acme").Scrub("late s3cret-value").ShouldBe("late •••");
    }

    [Fact]
    public void For_OnlyTheLastFewFinishedChecks_AreRemembered()
    {
        var scrubbing = new PluginSecretScrubbing();
        scrubbing.Track("acme", ["oldest-secret"]).Dispose();
        for (var i = 0; i < PluginSecretScrubbing.RecentChecks; i++)
        {
            scrubbing.Track("acme", [$"later-secret-{i}"]).Dispose();
        }

        scrubbing.For("acme").Scrub("oldest-secret").ShouldBe("oldest-secret");
        scrubbing.For("acme").Scrub("later-secret-0").ShouldBe("•••");
    }
}
