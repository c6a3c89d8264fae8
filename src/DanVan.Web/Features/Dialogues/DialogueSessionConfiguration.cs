using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Dialogues;

internal sealed class DialogueSessionConfiguration : IEntityTypeConfiguration<DialogueSession>
{
    public void Configure(EntityTypeBuilder<DialogueSession> b)
    {
        b.ToTable("Dialogues");
        b.Property(d => d.Topic).HasMaxLength(500).IsRequired();
        b.Property(d => d.Place).HasMaxLength(300);
        b.Property(d => d.OnlineLink).HasMaxLength(500);
        b.Property(d => d.ChairName).HasMaxLength(200).IsRequired();
        b.Property(d => d.ChairPosition).HasMaxLength(200);
        b.Property(d => d.ChairOrganization).HasMaxLength(300);
        b.Property(d => d.CoChairs).HasMaxLength(2000);
        b.Property(d => d.AttendanceList).HasMaxLength(20000);
        b.Property(d => d.Minutes).HasMaxLength(20000);
        b.Property(d => d.Conclusions).HasMaxLength(DialogueRules.ConclusionsLength);
        b.Property(d => d.SearchText).IsRequired();
        b.Property(d => d.Version).IsConcurrencyToken();
        b.Ignore(d => d.Ref);
        b.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasDocuments(d => d.DialogueId);
        b.HasIndex(d => new { d.ProvinceId, d.HeldOn });
        b.HasIndex(d => new { d.CommuneId, d.HeldOn });
        b.HasIndex(d => new
        {
            d.UnitId,
            d.Type,
            d.HeldOn,
        });
    }
}
