namespace DanVan.Demo;

/// <summary>
/// The demo's executable: the very same application as DanVan.Web (its <see cref="Program.RunAsync"/>: operator
/// commands,
/// or the web server) with the Bắc Ninh demonstration data registered, so <c>--demo</c> and <c>seed-demo</c> load it.
/// A class of its own namespace, not top-level statements: a project referencing both executables sees one global
/// Program.
/// </summary>
public static class DemoProgram
{
    public static Task<int> Main(string[] args) => Program.RunAsync(args, services => services.AddDanVanDemo());
}
