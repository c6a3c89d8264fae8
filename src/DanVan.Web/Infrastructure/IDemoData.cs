namespace DanVan.Web.Infrastructure;

/// <summary>
/// Demonstration data, which this assembly does not contain: the DanVan.Demo executable registers an implementation
/// and runs this same application (ADR-0018). <c>--demo</c> and <c>seed-demo</c> use it, and are refused without it.
/// </summary>
public interface IDemoData
{
    /// <summary>Loads the data (idempotent: a second run adds nothing) and prints the demo accounts to <paramref
    /// name="output"/>.</summary>
    Task SeedAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default);

    /// <summary>Why <c>--demo</c> and <c>seed-demo</c> fail when no demonstration data is registered.</summary>
    public const string Missing =
        "The demonstration data is not part of DanVan.Web: run it with DanVan.Demo instead "
        + "(dotnet run --project src/DanVan.Demo -- --demo, or: dotnet run --project src/DanVan.Demo -- seed-demo).";
}
