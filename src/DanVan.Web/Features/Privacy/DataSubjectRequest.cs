using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Privacy;

/// <summary>What a data subject asks for (Law 91/2025/QH15 on personal data protection, DOMAIN.md §7).</summary>
public enum RequestKind
{
    /// <summary>A copy of the data held about them.</summary>
    Access = 1,

    /// <summary>Their data set right.</summary>
    Correction = 2,

    /// <summary>Their data erased (the records, their history and the figures stay).</summary>
    Erasure = 3,

    /// <summary>An objection to, or a restriction of, the processing.</summary>
    Objection = 4,
}

public enum RequestStatus
{
    /// <summary>Recorded; the acknowledgement is due within two working days.</summary>
    Received = 1,

    /// <summary>The person has been told the request is being handled.</summary>
    Acknowledged = 2,

    /// <summary>Done: data handed over, corrected, erased or processing restricted.</summary>
    Fulfilled = 3,

    /// <summary>Closed without doing what was asked, with the legal reason (a statutory duty, an unidentified
    /// person).</summary>
    Refused = 4,
}

/// <summary>
/// A data subject's request, recorded by the unit that received it: who asks (their identity is personal data: not in
/// the audit trail's values, never in a URL or a log), what for, and the two deadlines the law sets — acknowledged
/// within <see cref="PrivacyRules.AcknowledgeWorkingDays"/> working days, handled within
/// <see cref="PrivacyRules.HandleDays"/> days. It is handled across every feature that holds the person's data
/// (<see cref="PersonFinder"/>), each through that feature's own field rule.
/// </summary>
public sealed class DataSubjectRequest : IUnitStamped, IVersioned
{
    public const int NameLength = 200;
    public const int ContactLength = 100;
    public const int TextLength = 4_000;

    public int Id { get; set; }

    /// <summary>The unit that received the request and answers for it.</summary>
    public int UnitId { get; set; }

    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    public RequestKind Kind { get; set; }
    public RequestStatus Status { get; set; } = RequestStatus.Received;

    [AuditRedacted]
    public string SubjectName { get; set; } = "";

    [AuditRedacted]
    public string? SubjectPhone { get; set; }

    /// <summary>Số định danh cá nhân / CCCD.</summary>
    [AuditRedacted]
    public string? SubjectIdNumber { get; set; }

    [AuditRedacted]
    public string? SubjectEmail { get; set; }

    /// <summary>What the person asks, in their words (what to correct, what they object to).</summary>
    [AuditRedacted]
    public string? Details { get; set; }

    public DateOnly ReceivedOn { get; set; }

    /// <summary>The last day to acknowledge: two working days after receipt.</summary>
    public DateOnly AcknowledgeBy { get; set; }

    /// <summary>The last day to handle it.</summary>
    public DateOnly DueOn { get; set; }

    public DateOnly? AcknowledgedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }

    /// <summary>What was done, or why it was refused (shown to the person; no personal data of others).</summary>
    public string? Outcome { get; set; }

    /// <summary>The last reminder sent: 1 acknowledgement due, 2 handling due in three days, 3 overdue.</summary>
    public int RemindedStage { get; set; }

    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public bool IsOpen => Status is RequestStatus.Received or RequestStatus.Acknowledged;

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);
}

internal sealed class DataSubjectRequestConfiguration : IEntityTypeConfiguration<DataSubjectRequest>
{
    public void Configure(EntityTypeBuilder<DataSubjectRequest> b)
    {
        b.ToTable("DataSubjectRequests");
        b.Property(r => r.SubjectName).HasMaxLength(DataSubjectRequest.NameLength).IsRequired();
        b.Property(r => r.SubjectPhone).HasMaxLength(DataSubjectRequest.ContactLength);
        b.Property(r => r.SubjectIdNumber).HasMaxLength(DataSubjectRequest.ContactLength);
        b.Property(r => r.SubjectEmail).HasMaxLength(DataSubjectRequest.ContactLength);
        b.Property(r => r.Details).HasMaxLength(DataSubjectRequest.TextLength);
        b.Property(r => r.Outcome).HasMaxLength(DataSubjectRequest.TextLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Ref);
        b.Ignore(r => r.IsOpen);
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        // The list reads a subtree's requests, open ones by their deadline; the reminder sweep reads open ones by date.
        b.HasIndex(r => new
        {
            r.ProvinceId,
            r.Status,
            r.DueOn,
        });
        b.HasIndex(r => new { r.Status, r.AcknowledgeBy });
    }
}
