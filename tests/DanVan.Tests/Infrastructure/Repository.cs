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

    /// <summary>The README's fenced blocks, each with its lines joined by '\n' and a closing '\n'.</summary>
    public static IReadOnlyList<string> ReadmeBlocks()
    {
        var blocks = new List<string>();
        List<string>? open = null;
        foreach (var line in File.ReadLines(PathOf("README.md")))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (open is null)
                {
                    open = [];
                }
                else
                {
                    blocks.Add(string.Join('\n', open) + "\n");
                    open = null;
                }
            }
            else
            {
                open?.Add(line);
            }
        }

        return blocks;
    }

    /// <summary>The one README block that contains <paramref name="marker"/>.</summary>
    public static string ReadmeBlock(string marker) =>
        Assert.Single(ReadmeBlocks(), b => b.Contains(marker, StringComparison.Ordinal));
}
