namespace Flows.Testing;

/// <summary>
/// A test class each of whose tests gets a sandbox of its own (a throwaway host installation, an
/// account store over real files), deleted after the test.
/// </summary>
public abstract class SandboxTests<TSandbox> : IDisposable
    where TSandbox : IDisposable, new()
{
    protected TSandbox Sandbox { get; } = new();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Sandbox.Dispose();
        }
    }
}
