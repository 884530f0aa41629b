// A .NET startup hook (DOTNET_STARTUP_HOOKS=<this test assembly>): the runtime calls Initialize in
// the flows process before its Main, and the hook writes the names of the assemblies that process
// loaded, when it ends, to the file named by LoadedAssembliesFile.Variable. It uses the base class
// library only, so loading it into flows loads nothing that flows would not.
#pragma warning disable CA1050 // The runtime looks for a type named StartupHook in no namespace.
public static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize()
    {
        var file = System.Environment.GetEnvironmentVariable(Flows.Cli.Tests.Support.LoadedAssembliesFile.Variable);
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        System.AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            var names = new System.Collections.Generic.List<string>();
            foreach (var assembly in System.AppDomain.CurrentDomain.GetAssemblies())
            {
                names.Add(assembly.GetName().Name ?? string.Empty);
            }

            System.IO.File.WriteAllLines(file, names);
        };
    }
}
