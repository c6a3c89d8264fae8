using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DanVan.Migrations.Sqlite;

/// <summary>Lets 'dotnet ef' build the model for SQLite without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DanVanDbContext>
{
    public DanVanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<DanVanDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new DanVanDbContext(options.Options);
    }
}
