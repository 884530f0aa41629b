namespace Flows.Host.Plugins.Packages;

/// <summary>How big a plugin may be, however it arrives (a package or a folder): bytes and files.</summary>
internal static class PackageLimits
{
    public const long MaxBytes = 512L * 1024 * 1024;

    public const int MaxFiles = 10_000;

    public static string MaxBytesText => $"{MaxBytes / (1024 * 1024)} MB";

    public static string MaxFilesText => MaxFiles.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
