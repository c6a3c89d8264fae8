using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Infrastructure.Imports;

/// <summary>
/// An uploaded file between its preview and its commit. Kept in the database, not on local disk, so the
/// commit works on any instance behind the load balancer; removed on commit, cancel or expiry.
/// </summary>
public sealed class StagedUpload
{
    public Guid Id { get; set; }
    public int AccountId { get; set; }
    public string Purpose { get; set; } = "";
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

internal sealed class StagedUploadConfiguration : IEntityTypeConfiguration<StagedUpload>
{
    public void Configure(EntityTypeBuilder<StagedUpload> b)
    {
        b.ToTable("StagedUploads");
        b.Property(s => s.Purpose).HasMaxLength(50).IsRequired();
        b.Property(s => s.FileName).HasMaxLength(260).IsRequired();
        b.HasIndex(s => s.CreatedAt);
    }
}
