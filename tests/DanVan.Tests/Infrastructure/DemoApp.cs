using DanVan.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Infrastructure;

/// <summary>The app as DanVan.Demo runs it: with the Bắc Ninh demonstration data registered, so <c>seed-demo</c> loads
/// it.</summary>
public sealed class DemoApp : DanVanApp
{
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddDanVanDemo();
    }
}
