using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Personnel;

internal sealed class CadreConfiguration : IEntityTypeConfiguration<Cadre>
{
    public void Configure(EntityTypeBuilder<Cadre> b)
    {
        b.ToTable("Cadres");
        b.Property(c => c.FullName).HasMaxLength(Cadre.NameLength);
        b.Property(c => c.Ethnicity).HasMaxLength(50);
        b.Property(c => c.Phone).HasMaxLength(30);
        b.Property(c => c.Email).HasMaxLength(200);
        b.Property(c => c.Degree).HasMaxLength(200);
        b.Property(c => c.CivilServiceGrade).HasMaxLength(100);
        b.Property(c => c.Awards).HasMaxLength(Cadre.TextLength);
        b.Property(c => c.Discipline).HasMaxLength(Cadre.TextLength);
        b.Property(c => c.SearchText).HasMaxLength(Cadre.NameLength).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.Ref);
        b.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.SetNull);
        // Lists are an equality on one ancestor column (STYLE.md 12).
        b.HasIndex(c => new { c.ProvinceId, c.Id });
        b.HasIndex(c => new { c.CommuneId, c.Id });
        b.HasIndex(c => c.AccountId).IsUnique();
    }
}

internal sealed class CadrePositionConfiguration : IEntityTypeConfiguration<CadrePosition>
{
    public void Configure(EntityTypeBuilder<CadrePosition> b)
    {
        b.ToTable("CadrePositions");
        b.Property(p => p.DecisionNumber).HasMaxLength(100);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Ref);
        b.HasOne<Cadre>().WithMany().HasForeignKey(p => p.CadreId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.CadreId, p.StartOn });
        // The one-holder check and the staffing counts read a body's posts by post and period.
        b.HasIndex(p => new
        {
            p.OrganizationId,
            p.Post,
            p.StartOn,
        });
        b.HasIndex(p => new { p.ProvinceId, p.StartOn });
        b.HasIndex(p => new { p.CommuneId, p.StartOn });
    }
}

internal sealed class StaffingQuotaConfiguration : IEntityTypeConfiguration<StaffingQuota>
{
    public void Configure(EntityTypeBuilder<StaffingQuota> b)
    {
        b.ToTable("StaffingQuotas");
        b.Property(q => q.Note).HasMaxLength(1_000);
        b.Property(q => q.Version).IsConcurrencyToken();
        b.Ignore(q => q.Ref);
        b.HasOne<Unit>().WithMany().HasForeignKey(q => q.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(q => q.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        // One quota per unit and year, or one per body and year (a nullable column's unique index would let the whole
        // unit's be doubled).
        b.HasIndex(q => new { q.UnitId, q.Year }).IsUnique().HasFilter("\"OrganizationId\" IS NULL");
        b.HasIndex(q => new
            {
                q.UnitId,
                q.Year,
                q.OrganizationId,
            })
            .IsUnique()
            .HasFilter("\"OrganizationId\" IS NOT NULL");
        b.HasIndex(q => new { q.ProvinceId, q.Year });
    }
}

internal sealed class ResponsibilityConfiguration : IEntityTypeConfiguration<Responsibility>
{
    public void Configure(EntityTypeBuilder<Responsibility> b)
    {
        b.ToTable("Responsibilities");
        b.Property(r => r.GroupName).HasMaxLength(Responsibility.GroupLength);
        b.Property(r => r.Note).HasMaxLength(Responsibility.TextLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Ref);
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Cadre>().WithMany().HasForeignKey(r => r.HolderCadreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>()
            .WithMany()
            .HasForeignKey(r => r.HolderOrganizationId)
            .OnDelete(DeleteBehavior.Restrict);
        // The coverage report and the unit page read the holdings of a unit, or of a subtree, by period.
        b.HasIndex(r => new { r.UnitId, r.FromOn });
        b.HasIndex(r => new { r.ProvinceId, r.FromOn });
        b.HasIndex(r => new { r.CommuneId, r.FromOn });
        b.HasIndex(r => r.HolderCadreId);
    }
}

internal sealed class UnitHoldingConfiguration : IEntityTypeConfiguration<UnitHolding>
{
    public void Configure(EntityTypeBuilder<UnitHolding> b)
    {
        b.ToTable("UnitHoldings");
        b.HasOne<Unit>().WithMany().HasForeignKey(h => h.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => new { h.UnitId, h.FromOn });
        b.HasIndex(h => h.ProvinceId);
    }
}

internal sealed class ResponsibilityVisitConfiguration : IEntityTypeConfiguration<ResponsibilityVisit>
{
    public void Configure(EntityTypeBuilder<ResponsibilityVisit> b)
    {
        b.ToTable("ResponsibilityVisits");
        b.Property(v => v.Done).HasMaxLength(Responsibility.TextLength).IsRequired();
        b.Property(v => v.Issues).HasMaxLength(Responsibility.TextLength);
        b.HasOne<Responsibility>().WithMany().HasForeignKey(v => v.ResponsibilityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Petitions.Petition>().WithMany().HasForeignKey(v => v.PetitionId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Models.MobilizationModel>().WithMany().HasForeignKey(v => v.ModelId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Account>().WithMany().HasForeignKey(v => v.FiledById).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(v => new { v.ResponsibilityId, v.VisitedOn });
    }
}

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> b)
    {
        b.ToTable("TrainingCourses");
        b.Property(c => c.Title).HasMaxLength(TrainingCourse.TitleLength).IsRequired();
        b.Property(c => c.Provider).HasMaxLength(TrainingCourse.TitleLength);
        b.Property(c => c.Place).HasMaxLength(TrainingCourse.TitleLength);
        b.Property(c => c.Note).HasMaxLength(TrainingCourse.TextLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.Ref);
        b.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        // The list reads the courses of a unit, of the units above, or of a subtree, by date.
        b.HasIndex(c => new { c.UnitId, c.StartsOn });
        b.HasIndex(c => new { c.ProvinceId, c.StartsOn });
    }
}

internal sealed class TrainingEnrolmentConfiguration : IEntityTypeConfiguration<TrainingEnrolment>
{
    public void Configure(EntityTypeBuilder<TrainingEnrolment> b)
    {
        b.ToTable("TrainingEnrolments");
        b.Property(e => e.CertificateNumber).HasMaxLength(TrainingEnrolment.CertificateLength);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.Ref);
        b.HasOne<TrainingCourse>().WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Cadre>().WithMany().HasForeignKey(e => e.CadreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CourseId, e.CadreId }).IsUnique();
        b.HasIndex(e => e.CadreId);
        b.HasIndex(e => new { e.ProvinceId, e.CourseEndsOn });
    }
}
