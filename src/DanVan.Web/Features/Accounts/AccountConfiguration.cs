using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("Accounts");
        b.Property(a => a.DisplayName).HasMaxLength(200).IsRequired();
        b.Property(a => a.PreferredCulture).HasMaxLength(10);
        b.HasOne<Unit>().WithMany().HasForeignKey(a => a.HomeUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Assignments).WithOne().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.ProvinceId);
        b.HasIndex(a => a.CommuneId);
        b.HasIndex(a => a.VillageId);
        b.HasIndex(a => a.HomeUnitId);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        b.ToTable("Assignments");
        b.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new
            {
                a.AccountId,
                a.UnitId,
                a.Role,
            })
            .IsUnique();
        b.HasIndex(a => a.UnitId);
        b.HasIndex(a => a.ProvinceId);
        b.HasIndex(a => a.CommuneId);
        b.HasIndex(a => a.VillageId);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("ApiTokens");
        b.Property(t => t.Name).HasMaxLength(100).IsRequired();
        b.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        b.Property(t => t.Prefix).HasMaxLength(16).IsRequired();
        b.Property(t => t.StampHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.AccountId);
        b.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
