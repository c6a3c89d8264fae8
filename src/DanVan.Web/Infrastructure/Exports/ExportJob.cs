using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Infrastructure.Exports;

public enum ExportJobStatus
{
    Queued = 1,
    Running = 2,
    Done = 3,
    Failed = 4,
}

/// <summary>
/// An export asked to run in the background: the export's own address (endpoint and query) replayed as the account that
/// asked, its progress in rows, and its file kept in chunks in the database until it expires — on any instance, and
/// whether or not the browser that asked is still open (ADR-0027).
/// </summary>
public sealed class ExportJob
{
    public Guid Id { get; set; }
    public int AccountId { get; set; }

    /// <summary>The export endpoint's name (its route's <c>WithName</c>).</summary>
    public string Endpoint { get; set; } = "";

    public string Path { get; set; } = "";
    public string Query { get; set; } = "";

    /// <summary>The language the export was asked in (its headers, statuses and dates follow it).</summary>
    public string Culture { get; set; } = "vi-VN";
    public ExportJobStatus Status { get; set; } = ExportJobStatus.Queued;
    public long Rows { get; set; }
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long Bytes { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

/// <summary>A megabyte (at most) of an export's file, in order.</summary>
public sealed class ExportJobChunk
{
    public Guid JobId { get; set; }
    public int Sequence { get; set; }

    /// <summary>The file's bytes (the audit trail records their length only).</summary>
    public byte[] Content { get; set; } = [];
}

internal sealed class ExportJobConfiguration : IEntityTypeConfiguration<ExportJob>
{
    public void Configure(EntityTypeBuilder<ExportJob> b)
    {
        b.ToTable("ExportJobs");
        b.Property(j => j.Endpoint).HasMaxLength(100).IsRequired();
        b.Property(j => j.Path).HasMaxLength(300).IsRequired();
        b.Property(j => j.Query).HasMaxLength(2000).IsRequired();
        b.Property(j => j.Culture).HasMaxLength(10).IsRequired();
        b.Property(j => j.FileName).HasMaxLength(260);
        b.Property(j => j.ContentType).HasMaxLength(100);
        b.Property(j => j.Error).HasMaxLength(500);
        b.HasIndex(j => new { j.AccountId, j.CreatedAt });
        b.HasIndex(j => new { j.Status, j.CreatedAt });
    }
}

internal sealed class ExportJobChunkConfiguration : IEntityTypeConfiguration<ExportJobChunk>
{
    public void Configure(EntityTypeBuilder<ExportJobChunk> b)
    {
        b.ToTable("ExportJobChunks");
        b.HasKey(c => new { c.JobId, c.Sequence });
        b.HasOne<ExportJob>().WithMany().HasForeignKey(c => c.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
