using DanVan.Web.Infrastructure;

namespace DanVan.Demo;

/// <summary>Registers the demonstration data with the app (DanVan.Demo's executable, and the tests that load the
/// demo).</summary>
public static class DemoServices
{
    public static IServiceCollection AddDanVanDemo(this IServiceCollection services) =>
        services.AddSingleton<IDemoData, BacNinhDemoData>();
}
