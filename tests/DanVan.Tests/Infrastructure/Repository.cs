namespace DanVan.Tests.Infrastructure;

/// <summary>Files of the repository the tests read (sources, resources, node_modules, shared data).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "DanVan.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName
            ?? throw new InvalidOperationException(
                "The repository root (DanVan.slnx) was not found above " + AppContext.BaseDirectory
            );
    }

    /// <summary>A file installed by 'npm ci' (scripts/test.sh runs it); its absence is a failure, not a skip.</summary>
    public static string NodeModule(params string[] parts)
    {
        var path = PathOf(["node_modules", .. parts]);
        Assert.True(File.Exists(path), $"{path} is missing: run 'npm ci' in {Root} (scripts/test.sh does).");
        return path;
    }
}
