using DanVan.Web.Infrastructure;

namespace DanVan.Demo;

/// <summary>The Bắc Ninh demonstration data as the app asks for it on <c>--demo</c> and <c>seed-demo</c>: <see
/// cref="DemoSeeder"/>.</summary>
internal sealed class BacNinhDemoData : IDemoData
{
    public Task SeedAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default) =>
        DemoSeeder.SeedAsync(services, output, ct);
}
