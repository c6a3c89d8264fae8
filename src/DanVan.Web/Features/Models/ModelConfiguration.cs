using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Models;

internal sealed class MobilizationModelConfiguration : IEntityTypeConfiguration<MobilizationModel>
{
    public const int ItemLength = 4000;

    public void Configure(EntityTypeBuilder<MobilizationModel> b)
    {
        b.ToTable("Models");
        b.HasDocuments(d => d.ModelId);
        b.Property(m => m.Name).HasMaxLength(300).IsRequired();
        foreach (
            var item in new[]
            {
                nameof(MobilizationModel.Situation),
                nameof(MobilizationModel.Goals),
                nameof(MobilizationModel.Content),
                nameof(MobilizationModel.AreaAndBeneficiaries),
                nameof(MobilizationModel.Forces),
                nameof(MobilizationModel.Resources),
                nameof(MobilizationModel.Timeline),
                nameof(MobilizationModel.Outputs),
                nameof(MobilizationModel.Sustainability),
                nameof(MobilizationModel.LaunchCommitments),
                nameof(MobilizationModel.InspectionFindings),
                nameof(MobilizationModel.NotRecognizedReason),
                nameof(MobilizationModel.StatusNote),
            }
        )
        {
            b.Property(item).HasMaxLength(ItemLength);
        }

        b.Property(m => m.TargetGroup).HasMaxLength(300);
        b.Property(m => m.Tags).HasMaxLength(500);
        b.Property(m => m.PersonName).HasMaxLength(200);
        b.Property(m => m.RecognitionDecision).HasMaxLength(100);
        b.Property(m => m.RecognitionIssuer).HasMaxLength(300);
        b.Property(m => m.CommendationDecision).HasMaxLength(100);
        b.Property(m => m.CommendationIssuer).HasMaxLength(300);
        b.Property(m => m.SearchText).IsRequired();
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Ignore(m => m.Ref);
        b.Ignore(m => m.InspectingScope);
        b.HasOne<Unit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ModelField>().WithMany().HasForeignKey(m => m.FieldId).OnDelete(DeleteBehavior.Restrict);

        // Subtree lists and counts are an equality on one ancestor column (STYLE.md 12).
        b.HasIndex(m => new { m.ProvinceId, m.Status });
        b.HasIndex(m => new { m.CommuneId, m.Status });
        b.HasIndex(m => new { m.VillageId, m.Status });
        // The register lists newest first: a province's or a commune's first page reads its own rows backwards
        // instead of the whole table's (national scale: 23.7 s to 1 ms for a province, docs/PERFORMANCE.md).
        b.HasIndex(m => new { m.ProvinceId, m.Id });
        b.HasIndex(m => new { m.CommuneId, m.Id });
        b.HasIndex(m => m.UnitId);
    }
}

internal sealed class ModelEventConfiguration : IEntityTypeConfiguration<ModelEvent>
{
    public void Configure(EntityTypeBuilder<ModelEvent> b)
    {
        b.ToTable("ModelEvents");
        b.Property(e => e.ActorName).HasMaxLength(200).IsRequired();
        b.Property(e => e.Note).HasMaxLength(MobilizationModelConfiguration.ItemLength);
        b.HasOne<MobilizationModel>().WithMany().HasForeignKey(e => e.ModelId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.ModelId, e.Id });
        b.HasIndex(e => e.ProvinceId);
        b.HasIndex(e => e.CommuneId);
        b.HasIndex(e => e.VillageId);
    }
}

internal sealed class ModelFieldConfiguration : IEntityTypeConfiguration<ModelField>
{
    public void Configure(EntityTypeBuilder<ModelField> b)
    {
        b.IsReferenceCatalogue("ModelFields");
    }
}

internal sealed class ResultIndicatorConfiguration : IEntityTypeConfiguration<ResultIndicator>
{
    public void Configure(EntityTypeBuilder<ResultIndicator> b)
    {
        b.IsReferenceCatalogue("ResultIndicators");
        b.Property(i => i.Measure).HasMaxLength(50).IsRequired();
        b.Property(i => i.MeasureEn).HasMaxLength(50).IsRequired();
        b.Property(i => i.MeasureDe).HasMaxLength(50).IsRequired();
        b.Ignore(i => i.LocalMeasure);
    }
}

internal sealed class ModelResultConfiguration : IEntityTypeConfiguration<ModelResult>
{
    public void Configure(EntityTypeBuilder<ModelResult> b)
    {
        b.ToTable("ModelResults");
        b.Property(r => r.Note).HasMaxLength(500);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<MobilizationModel>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ResultIndicator>().WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ModelReplication>().WithMany().HasForeignKey(r => r.ReplicationId).OnDelete(DeleteBehavior.Cascade);

        // One row per indicator and year: of the model itself, and of each replication. The filter is the
        // same SQL on SQLite and PostgreSQL.
        b.HasIndex(r => new
            {
                r.ModelId,
                r.IndicatorId,
                r.Year,
            })
            .IsUnique()
            .HasFilter("\"ReplicationId\" IS NULL");
        b.HasIndex(r => new
            {
                r.ReplicationId,
                r.IndicatorId,
                r.Year,
            })
            .IsUnique()
            .HasFilter("\"ReplicationId\" IS NOT NULL");
        b.HasIndex(r => new { r.ProvinceId, r.IndicatorId });
        b.HasIndex(r => new { r.CommuneId, r.IndicatorId });
        b.HasIndex(r => new { r.VillageId, r.IndicatorId });
        b.HasIndex(r => r.IndicatorId);
    }
}

internal sealed class ModelReplicationConfiguration : IEntityTypeConfiguration<ModelReplication>
{
    public void Configure(EntityTypeBuilder<ModelReplication> b)
    {
        b.ToTable("ModelReplications");
        b.Property(r => r.Adaptations).HasMaxLength(MobilizationModelConfiguration.ItemLength).IsRequired();
        b.Property(r => r.StatusNote).HasMaxLength(MobilizationModelConfiguration.ItemLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Ref);
        b.HasOne<MobilizationModel>().WithMany().HasForeignKey(r => r.SourceModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.SourceModelId, r.UnitId });
        b.HasIndex(r => new { r.ProvinceId, r.StartDate });
        b.HasIndex(r => new { r.CommuneId, r.StartDate });
        b.HasIndex(r => new { r.VillageId, r.StartDate });
    }
}

internal sealed class RubricConfiguration : IEntityTypeConfiguration<Rubric>
{
    public void Configure(EntityTypeBuilder<Rubric> b)
    {
        b.ToTable("Rubrics");
        b.Property(r => r.Code).HasMaxLength(50).IsRequired();
        b.Property(r => r.Name).HasMaxLength(300).IsRequired();
        b.HasMany(r => r.Criteria).WithOne().HasForeignKey(c => c.RubricId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.Code, r.Version }).IsUnique();
    }
}

internal sealed class RubricCriterionConfiguration : IEntityTypeConfiguration<RubricCriterion>
{
    public void Configure(EntityTypeBuilder<RubricCriterion> b)
    {
        b.ToTable("RubricCriteria");
        b.Property(c => c.Text).HasMaxLength(500).IsRequired();
        b.Property(c => c.TextEn).HasMaxLength(500).IsRequired();
        b.Property(c => c.TextDe).HasMaxLength(500).IsRequired();
        b.Ignore(c => c.LocalText);
    }
}

internal sealed class ModelEvaluationConfiguration : IEntityTypeConfiguration<ModelEvaluation>
{
    public void Configure(EntityTypeBuilder<ModelEvaluation> b)
    {
        b.ToTable("ModelEvaluations");
        b.Property(e => e.EvaluatorName).HasMaxLength(200).IsRequired();
        b.Property(e => e.Note).HasMaxLength(MobilizationModelConfiguration.ItemLength);
        b.HasOne<MobilizationModel>().WithMany().HasForeignKey(e => e.ModelId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Rubric>().WithMany().HasForeignKey(e => e.RubricId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Scores).WithOne().HasForeignKey(s => s.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => e.ModelId);
        b.HasIndex(e => e.ProvinceId);
        b.HasIndex(e => e.CommuneId);
        b.HasIndex(e => e.VillageId);
    }
}

internal sealed class EvaluationScoreConfiguration : IEntityTypeConfiguration<EvaluationScore>
{
    public void Configure(EntityTypeBuilder<EvaluationScore> b)
    {
        b.ToTable("EvaluationScores");
        b.HasOne<RubricCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ModelReviewConfiguration : IEntityTypeConfiguration<ModelReview>
{
    public void Configure(EntityTypeBuilder<ModelReview> b)
    {
        b.ToTable("ModelReviews");
        b.Property(r => r.Conclusion).HasMaxLength(MobilizationModelConfiguration.ItemLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Ref);
        b.Ignore(r => r.IsAnnual);
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new
            {
                r.UnitId,
                r.FromYear,
                r.ToYear,
            })
            .IsUnique();
        b.HasIndex(r => r.ProvinceId);
        b.HasIndex(r => r.CommuneId);
        b.HasIndex(r => r.VillageId);
    }
}

internal sealed class ModelReviewItemConfiguration : IEntityTypeConfiguration<ModelReviewItem>
{
    public void Configure(EntityTypeBuilder<ModelReviewItem> b)
    {
        b.ToTable("ModelReviewItems");
        b.Property(i => i.Note).HasMaxLength(1000);
        b.HasOne<MobilizationModel>().WithMany().HasForeignKey(i => i.ModelId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => new { i.ReviewId, i.ModelId }).IsUnique();
        b.HasIndex(i => i.ModelId);
    }
}
