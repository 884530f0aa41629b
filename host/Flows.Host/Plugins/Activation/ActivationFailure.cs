using System.Composition.Hosting;
using System.Reflection;

namespace Flows.Host.Plugins.Activation;

/// <summary>Turns whatever a plugin threw while loading or composing into one sentence for the user.</summary>
internal static class ActivationFailure
{
    public static string Describe(Exception exception)
    {
        var root = Unwrap(exception);
        return root switch
        {
            ReflectionTypeLoadException typeLoad => DescribeTypeLoad(typeLoad),
            FileNotFoundException { FileName: { } name } =>
                $"A dependency could not be found: {name}. Is it missing from the plugin folder?",
            FileLoadException { FileName: { } name } =>
                $"A dependency could not be loaded: {name} ({root.Message})",
            BadImageFormatException => $"The assembly is not a valid .NET assembly ({root.Message})",
            _ => $"{root.GetType().Name}: {root.Message}",
        };
    }

    private static Exception Unwrap(Exception exception)
    {
        var current = exception;
        while (current.InnerException is { } inner
               && current is TargetInvocationException or AggregateException or CompositionFailedException or TypeInitializationException)
        {
            current = inner;
        }

        return current;
    }

    private static string DescribeTypeLoad(ReflectionTypeLoadException exception)
    {
        var causes = exception.LoaderExceptions
            .OfType<Exception>()
            .Select(Describe)
            .Distinct(StringComparer.Ordinal)
            .Take(3)
            .ToList();
        return causes.Count == 0 ? exception.Message : string.Join(" ", causes);
    }
}
