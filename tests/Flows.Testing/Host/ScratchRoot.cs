namespace Flows.Testing;

/// <summary>
/// A throwaway folder for one test, with a data directory (<see cref="Home"/>) inside it that the
/// test itself creates (or leaves for flows to create); deleted, best effort, afterwards.
/// </summary>
public sealed class ScratchRoot(string purpose) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), purpose, Guid.NewGuid().ToString("N"));

    /// <summary>Where FLOWS_HOME points: not created here, so a test can watch flows create it.</summary>
    public string Home => System.IO.Path.Combine(Path, "home");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Gone already, or a mount the test has not released yet.
        }
    }
}
