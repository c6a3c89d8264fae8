using System.Reflection;

namespace DanVan.E2E.Infrastructure;

/// <summary>Where the repository's files are, found from the test assembly wherever the build put it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Gitignored; every page a test visits leaves a full-page PNG here for people to look at.</summary>
    public static string Screenshots { get; } =
        Directory.CreateDirectory(Path.Combine(Root, "artifacts", "screenshots")).FullName;

    public static string AxeScript => Path.Combine(Root, "node_modules", "axe-core", "axe.min.js");

    public static string NuHtmlChecker => Path.Combine(Root, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    private static string FindRoot()
    {
        // With --artifacts-path the build output lies outside the repository; the project folder recorded at
        // build time (see the .csproj) still leads to it.
        var sourceDirectory = typeof(RepoPaths)
            .Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "DanVanE2ESourceDirectory")
            ?.Value;
        var starts = new[] { AppContext.BaseDirectory, sourceDirectory, Directory.GetCurrentDirectory() };
        foreach (var start in starts.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DanVan.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"DanVan.slnx not found above any of: {string.Join(", ", starts)}.");
    }
}
