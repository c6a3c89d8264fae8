using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DanVan.Migrations.Postgres;

/// <summary>Lets 'dotnet ef' build the model for PostgreSQL without a server (no connection is opened).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DanVanDbContext>
{
    public DanVanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<DanVanDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=danvan_design");
        return new DanVanDbContext(options.Options);
    }
}
