using DanVan.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Organizations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("Organizations");
        b.Property(o => o.Name).HasMaxLength(300).IsRequired();
        b.Property(o => o.ShortName).HasMaxLength(100);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasOne<Unit>().WithMany().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => new { o.UnitId, o.Type });
        b.HasIndex(o => o.ProvinceId);
        b.HasIndex(o => o.CommuneId);
        b.HasIndex(o => o.VillageId);
    }
}
