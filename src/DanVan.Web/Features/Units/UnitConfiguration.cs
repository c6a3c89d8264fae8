using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Units;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("Units");
        b.Property(u => u.Code).HasMaxLength(20).IsRequired();
        b.Property(u => u.Name).HasMaxLength(200).IsRequired();
        b.Property(u => u.NameEn).HasMaxLength(200);
        b.Property(u => u.SearchText).HasMaxLength(500).IsRequired();
        b.Property(u => u.Version).IsConcurrencyToken();
        b.Ignore(u => u.Ref);
        b.Ignore(u => u.IsActive);

        // Official codes are unique among units in force; a retired unit may share its code with its
        // successor (the merged Bắc Ninh took code 24 of the former Bắc Giang).
        b.HasIndex(u => u.Code).IsUnique().HasFilter("\"ValidTo\" IS NULL");
        b.HasIndex(u => new { u.ParentId, u.Name });
        b.HasIndex(u => u.ProvinceId);
        b.HasIndex(u => u.CommuneId);
        b.HasIndex(u => u.VillageId);
        b.HasIndex(u => u.SuccessorId);

        b.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(u => u.SuccessorId).OnDelete(DeleteBehavior.Restrict);
    }
}
