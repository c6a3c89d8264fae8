using DanVan.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Notifications;

/// <summary>
/// What happened, for one account. The row keeps the kind and the subject (a tracking code and title, in
/// whatever language it was written), not a sentence: the sentence is rendered when shown or e-mailed, in the
/// reader's language.
/// </summary>
public enum NotificationKind
{
    PetitionAssigned = 1,
    PetitionOverdue = 2,
    PetitionEscalated = 3,
    ExtensionRequested = 4,
    ExtensionDecided = 5,
    PetitionAnswered = 6,
    PetitionReopened = 7,
    DialogueResultsDue = 8,
    ReportDue = 9,
    ReportsLate = 10,
    ProgramNotApproved = 11,
    ProgramPublishedLate = 12,
    ProgramNotConcretized = 13,
    PrivacyAcknowledgementDue = 14,
    PrivacyRequestDue = 15,
    PrivacyRequestOverdue = 16,
}

/// <summary>
/// A notice to one account that something needs its attention, with a link to the record. It belongs to the
/// account, not to a unit (so it is not <see cref="Infrastructure.Data.IUnitScoped"/>); the audit trail files its
/// changes under the acting account's unit.
/// </summary>
public sealed class Notification
{
    public const int SubjectLength = 300;
    public const int LinkLength = 300;

    public int Id { get; set; }
    public int AccountId { get; set; }
    public NotificationKind Kind { get; set; }
    public string Subject { get; set; } = "";

    /// <summary>A local path such as "/petitions/12"; never an absolute address (see <see
    /// cref="Notifier.IsLocalPath"/>).</summary>
    public string Link { get; set; } = "";

    /// <summary>E-mailed on the mailer's next sweep rather than in the daily digest.</summary>
    public bool Urgent { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public DateTime? EmailedAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(n => n.Subject).HasMaxLength(Notification.SubjectLength).IsRequired();
        b.Property(n => n.Link).HasMaxLength(Notification.LinkLength).IsRequired();
        b.HasOne<Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
        // The header's unread count and the list (account, newest first).
        b.HasIndex(n => new { n.AccountId, n.ReadAt });
        // The mailer's sweep: unread and not yet e-mailed.
        b.HasIndex(n => new { n.EmailedAt, n.ReadAt });
    }
}
