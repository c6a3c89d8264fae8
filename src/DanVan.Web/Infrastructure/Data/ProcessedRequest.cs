using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>
/// A create request already carried out, by its client-chosen key (the Idempotency-Key header of the API,
/// the hidden submission id of a form). A retried or double-clicked submission finds its key here and gets
/// the record the first one created (QUALITY.md R3).
/// </summary>
public sealed class ProcessedRequest
{
    public string Key { get; set; } = "";
    public int? AccountId { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class ProcessedRequestConfiguration : IEntityTypeConfiguration<ProcessedRequest>
{
    public void Configure(EntityTypeBuilder<ProcessedRequest> b)
    {
        b.ToTable("ProcessedRequests");
        b.HasKey(r => r.Key);
        b.Property(r => r.Key).HasMaxLength(100);
        b.Property(r => r.EntityType).HasMaxLength(100).IsRequired();
        b.Property(r => r.EntityId).HasMaxLength(100).IsRequired();
        b.HasIndex(r => r.CreatedAt);
    }
}
