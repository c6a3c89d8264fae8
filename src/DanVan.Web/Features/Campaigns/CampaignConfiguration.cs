using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// Figures are stored as whole thousandths in a 64-bit integer on both databases: exact sums (SQLite has no
/// decimal type), atomic increments in plain SQL, and room for 10^15 (a province's VND totals).
/// </summary>
internal static class Thousandths
{
    public const int Scale = 1000;

    public static readonly ValueConverter<decimal, long> Converter = new(
        v => (long)Math.Round(v * Scale),
        v => (decimal)v / Scale
    );

    public static readonly ValueConverter<decimal?, long?> NullableConverter = new(
        v => v == null ? null : (long)Math.Round(v.Value * Scale),
        v => v == null ? null : (decimal)v.Value / Scale
    );

    public static long Of(decimal value) => (long)Math.Round(value * Scale);

    /// <summary>The largest value a figure or target may have.</summary>
    public const decimal Max = 1_000_000_000_000m;
}

internal sealed class CampaignConfiguration
    : IEntityTypeConfiguration<Campaign>,
        IEntityTypeConfiguration<CampaignParticipant>,
        IEntityTypeConfiguration<CampaignModel>,
        IEntityTypeConfiguration<Indicator>,
        IEntityTypeConfiguration<IndicatorTarget>,
        IEntityTypeConfiguration<CampaignFigure>,
        IEntityTypeConfiguration<FigureRevision>,
        IEntityTypeConfiguration<CampaignPeriodLock>,
        IEntityTypeConfiguration<CampaignTotal>,
        IEntityTypeConfiguration<CampaignSeries>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("Campaigns");
        b.Property(c => c.Name).HasMaxLength(CampaignRules.NameLength).IsRequired();
        b.Property(c => c.Purpose).HasMaxLength(CampaignRules.TextLength);
        b.Property(c => c.SearchText).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.Ref);
        b.Ignore(c => c.AcceptsFigures);
        b.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasDocuments(d => d.CampaignId);
        b.HasIndex(c => new { c.ProvinceId, c.StartsOn });
        b.HasIndex(c => new { c.CommuneId, c.StartsOn });
        b.HasIndex(c => c.UnitId);
    }

    public void Configure(EntityTypeBuilder<CampaignParticipant> b)
    {
        b.ToTable("CampaignParticipants");
        b.HasOne<Campaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.CampaignId, p.UnitId }).IsUnique();

        // "Campaigns I take part in" for a commune or a village.
        b.HasIndex(p => new { p.CommuneId, p.CampaignId });
        b.HasIndex(p => new { p.VillageId, p.CampaignId });
    }

    public void Configure(EntityTypeBuilder<CampaignModel> b)
    {
        b.ToTable("CampaignModels");
        b.HasKey(m => new { m.CampaignId, m.ModelId });
        b.HasOne<Campaign>().WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MobilizationModel>().WithMany().HasForeignKey(m => m.ModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.ModelId);
    }

    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.ToTable("CampaignIndicators");
        b.Property(i => i.Name).HasMaxLength(CampaignRules.NameLength).IsRequired();
        b.Property(i => i.CustomMeasure).HasMaxLength(50);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Campaign>().WithMany().HasForeignKey(i => i.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => new { i.CampaignId, i.SortOrder });
    }

    public void Configure(EntityTypeBuilder<IndicatorTarget> b)
    {
        b.ToTable("CampaignTargets");
        b.Property(t => t.Value).HasConversion(Thousandths.Converter);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne<Indicator>().WithMany().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.IndicatorId, t.UnitId }).IsUnique();
        b.HasIndex(t => t.CampaignId);
    }

    public void Configure(EntityTypeBuilder<CampaignFigure> b)
    {
        b.ToTable("CampaignFigures");
        b.Property(f => f.Value).HasConversion(Thousandths.Converter);
        b.Property(f => f.Note).HasMaxLength(CampaignRules.NoteLength);
        b.Property(f => f.ActorName).HasMaxLength(200).IsRequired();
        b.Property(f => f.Version).IsConcurrencyToken();
        b.Ignore(f => f.Ref);
        b.HasOne<Indicator>().WithMany().HasForeignKey(f => f.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(f => f.UnitId).OnDelete(DeleteBehavior.Restrict);

        // One cell per unit, indicator and period: two people on one empty cell cannot both insert.
        b.HasIndex(f => new
            {
                f.IndicatorId,
                f.UnitId,
                f.Period,
            })
            .IsUnique();
        b.HasIndex(f => new { f.CampaignId, f.Period });
        b.HasIndex(f => new
        {
            f.CommuneId,
            f.CampaignId,
            f.Period,
        });
    }

    public void Configure(EntityTypeBuilder<FigureRevision> b)
    {
        b.ToTable("CampaignFigureRevisions");
        b.Property(r => r.OldValue).HasConversion(Thousandths.NullableConverter);
        b.Property(r => r.NewValue).HasConversion(Thousandths.NullableConverter);
        b.Property(r => r.ActorName).HasMaxLength(200).IsRequired();
        b.HasIndex(r => new { r.FigureId, r.At });
        b.HasIndex(r => new
        {
            r.CampaignId,
            r.UnitId,
            r.Period,
        });
    }

    public void Configure(EntityTypeBuilder<CampaignPeriodLock> b)
    {
        b.ToTable("CampaignPeriodLocks");
        b.Property(l => l.ActorName).HasMaxLength(200).IsRequired();
        b.HasOne<Campaign>().WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new
            {
                l.CampaignId,
                l.Frequency,
                l.Period,
            })
            .IsUnique();
    }

    public void Configure(EntityTypeBuilder<CampaignTotal> b)
    {
        b.ToTable("CampaignTotals");
        b.Property(t => t.Actual).HasConversion(Thousandths.Converter);
        b.Property(t => t.ExplicitTarget).HasConversion(Thousandths.NullableConverter);
        b.Property(t => t.ChildTarget).HasConversion(Thousandths.Converter);
        b.Property(t => t.Target).HasConversion(Thousandths.Converter);
        b.HasIndex(t => new { t.IndicatorId, t.UnitId }).IsUnique();

        // A node's children (the ranking) and a campaign's nodes (the recompute).
        b.HasIndex(t => new { t.IndicatorId, t.ParentUnitId });
        b.HasIndex(t => new { t.CampaignId, t.UnitId });
    }

    public void Configure(EntityTypeBuilder<CampaignSeries> b)
    {
        b.ToTable("CampaignSeries");
        b.Property(s => s.Delta).HasConversion(Thousandths.Converter);
        b.HasIndex(s => new
            {
                s.IndicatorId,
                s.UnitId,
                s.Period,
            })
            .IsUnique();
        b.HasIndex(s => s.CampaignId);
    }
}
