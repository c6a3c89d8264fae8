using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Infrastructure;

/// <summary>Another instance of the application on the database of <paramref name="first"/> (the way two servers
/// behind a proxy share one PostgreSQL), on the given clock.</summary>
public sealed class SecondInstance(DanVanApp first, TimeProvider clock) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(
            "Database:Provider",
            first.Provider == DanVan.Web.Infrastructure.Data.DatabaseProvider.Postgres ? "postgres" : "sqlite"
        );
        builder.UseSetting("ConnectionStrings:Default", first.ConnectionString);
        builder.ConfigureServices(services =>
        {
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
            services.AddSingleton(clock);
        });
    }
}
