using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Infrastructure.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.ActorName).HasMaxLength(256).IsRequired();
        b.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(100);
        b.Property(a => a.Details).HasMaxLength(2000);
        b.Property(a => a.RemoteAddress).HasMaxLength(64);
        // The audit page pages backwards by id inside a scope; these serve its filters.
        b.HasIndex(a => new { a.ProvinceId, a.Id });
        b.HasIndex(a => new { a.CommuneId, a.Id });
        b.HasIndex(a => new { a.VillageId, a.Id });
        b.HasIndex(a => new { a.UnitId, a.Id });
        b.HasIndex(a => new { a.AccountId, a.Id });
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.At);
    }
}
