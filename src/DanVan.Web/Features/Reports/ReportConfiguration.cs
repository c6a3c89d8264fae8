using DanVan.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Reports;

internal sealed class ReportingRoundConfiguration : IEntityTypeConfiguration<ReportingRound>
{
    public void Configure(EntityTypeBuilder<ReportingRound> b)
    {
        b.ToTable("ReportingRounds");
        b.Property(r => r.TemplateKey).HasMaxLength(50).IsRequired();
        b.Property(r => r.MergerNote).HasMaxLength(4000);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Period);
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        // One round per unit, kind and period: a second opening is refused, and a twin's insert is a conflict.
        b.HasIndex(r => new
            {
                r.UnitId,
                r.Kind,
                r.From,
            })
            .IsUnique();
        b.HasIndex(r => new { r.ProvinceId, r.From });
    }
}

internal sealed class ReportTemplateSettingConfiguration : IEntityTypeConfiguration<ReportTemplateSetting>
{
    public void Configure(EntityTypeBuilder<ReportTemplateSetting> b)
    {
        b.ToTable("ReportTemplateSettings");
        b.Property(t => t.Sections).HasMaxLength(ReportTemplateSetting.SectionsLength).IsRequired();
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        // One template per province and kind.
        b.HasIndex(t => new { t.UnitId, t.Kind }).IsUnique();
    }
}

internal sealed class UnitReportConfiguration : IEntityTypeConfiguration<UnitReport>
{
    public void Configure(EntityTypeBuilder<UnitReport> b)
    {
        b.ToTable("UnitReports");
        b.Property(r => r.ParentBody).HasMaxLength(UnitReport.HeaderLength).IsRequired();
        b.Property(r => r.IssuingBody).HasMaxLength(UnitReport.HeaderLength).IsRequired();
        b.Property(r => r.Abbreviation).HasMaxLength(50).IsRequired();
        b.Property(r => r.Place).HasMaxLength(100).IsRequired();
        b.Property(r => r.SignerAuthority).HasMaxLength(UnitReport.HeaderLength).IsRequired();
        b.Property(r => r.SignerTitle).HasMaxLength(UnitReport.HeaderLength);
        b.Property(r => r.SignerName).HasMaxLength(UnitReport.HeaderLength);
        b.Property(r => r.Recipients).HasMaxLength(UnitReport.RecipientsLength);
        b.Property(r => r.ReportsFor).HasMaxLength(2000);
        b.Property(r => r.ReturnReason).HasMaxLength(ReportRules.ReasonLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Ref);
        b.Ignore(r => r.IsOpen);
        b.HasOne<ReportingRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<UnitReport>().WithMany().HasForeignKey(r => r.ParentReportId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.RoundId, r.UnitId }).IsUnique();
        b.HasIndex(r => new { r.ProvinceId, r.Status });
        b.HasIndex(r => new { r.CommuneId, r.Status });
    }
}

internal sealed class ReportSectionConfiguration : IEntityTypeConfiguration<ReportSection>
{
    public void Configure(EntityTypeBuilder<ReportSection> b)
    {
        b.ToTable("ReportSections");
        b.Property(s => s.Key).HasMaxLength(50).IsRequired();
        b.Property(s => s.Title).HasMaxLength(300).IsRequired();
        b.Property(s => s.Figures).HasMaxLength(2000).IsRequired();
        b.Property(s => s.Text).HasMaxLength(ReportSection.TextLength);
        b.Ignore(s => s.FigureKeys);
        b.HasOne<UnitReport>().WithMany().HasForeignKey(s => s.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.ReportId, s.Order }).IsUnique();
    }
}

internal sealed class ReportFigureConfiguration : IEntityTypeConfiguration<ReportFigure>
{
    public void Configure(EntityTypeBuilder<ReportFigure> b)
    {
        b.ToTable("ReportFigures");
        b.Property(f => f.Key).HasMaxLength(100).IsRequired();
        b.HasOne<UnitReport>().WithMany().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.ReportId, f.Key }).IsUnique();
    }
}

internal sealed class ReportEventConfiguration : IEntityTypeConfiguration<ReportEvent>
{
    public void Configure(EntityTypeBuilder<ReportEvent> b)
    {
        b.ToTable("ReportEvents");
        b.Property(e => e.Reason).HasMaxLength(ReportRules.ReasonLength);
        b.Property(e => e.ByName).HasMaxLength(200).IsRequired();
        b.HasOne<UnitReport>().WithMany().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => e.ReportId);
    }
}
