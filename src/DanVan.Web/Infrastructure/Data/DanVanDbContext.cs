using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Privacy;
using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Reports;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Imports;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>
/// The one database context. Every save also writes the audit trail of what it changed and the statistics'
/// summary rows (<see cref="StatisticLedger"/>), in the same transaction (<see cref="AuditRecorder"/>), and bumps the
/// version of every edited row.
/// </summary>
public sealed class DanVanDbContext(
    DbContextOptions<DanVanDbContext> options,
    ICurrentUser? currentUser = null,
    TimeProvider? clock = null
) : IdentityUserContext<Account, int>(options), IDataProtectionKeyContext
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<MobilizationModel> Models => Set<MobilizationModel>();
    public DbSet<ModelEvent> ModelEvents => Set<ModelEvent>();
    public DbSet<ModelField> ModelFields => Set<ModelField>();
    public DbSet<ResultIndicator> ResultIndicators => Set<ResultIndicator>();
    public DbSet<ModelResult> ModelResults => Set<ModelResult>();
    public DbSet<ModelReplication> ModelReplications => Set<ModelReplication>();
    public DbSet<Rubric> Rubrics => Set<Rubric>();
    public DbSet<RubricCriterion> RubricCriteria => Set<RubricCriterion>();
    public DbSet<ModelEvaluation> ModelEvaluations => Set<ModelEvaluation>();
    public DbSet<EvaluationScore> EvaluationScores => Set<EvaluationScore>();
    public DbSet<ModelReview> ModelReviews => Set<ModelReview>();
    public DbSet<ModelReviewItem> ModelReviewItems => Set<ModelReviewItem>();
    public DbSet<DialogueSession> Dialogues => Set<DialogueSession>();
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<PetitionEvent> PetitionEvents => Set<PetitionEvent>();
    public DbSet<PetitionCategory> PetitionCategories => Set<PetitionCategory>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<CaseDocument> CaseDocuments => Set<CaseDocument>();
    public DbSet<CaseDocumentContent> CaseDocumentContents => Set<CaseDocumentContent>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignParticipant> CampaignParticipants => Set<CampaignParticipant>();
    public DbSet<CampaignModel> CampaignModels => Set<CampaignModel>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<CampaignFigure> CampaignFigures => Set<CampaignFigure>();
    public DbSet<FigureRevision> FigureRevisions => Set<FigureRevision>();
    public DbSet<CampaignPeriodLock> CampaignPeriodLocks => Set<CampaignPeriodLock>();
    public DbSet<CampaignTotal> CampaignTotals => Set<CampaignTotal>();
    public DbSet<CampaignSeries> CampaignSeries => Set<CampaignSeries>();
    public DbSet<StatisticCount> StatisticCounts => Set<StatisticCount>();
    public DbSet<ReportingRound> ReportingRounds => Set<ReportingRound>();
    public DbSet<UnitReport> UnitReports => Set<UnitReport>();
    public DbSet<ReportSection> ReportSections => Set<ReportSection>();
    public DbSet<ReportFigure> ReportFigures => Set<ReportFigure>();
    public DbSet<ReportEvent> ReportEvents => Set<ReportEvent>();
    public DbSet<ReportTemplateSetting> ReportTemplateSettings => Set<ReportTemplateSetting>();
    public DbSet<WorkProgram> WorkPrograms => Set<WorkProgram>();
    public DbSet<ProgramBasis> ProgramBases => Set<ProgramBasis>();
    public DbSet<ProgramItem> ProgramItems => Set<ProgramItem>();
    public DbSet<ProgramItemProgress> ProgramItemProgress => Set<ProgramItemProgress>();
    public DbSet<ProgramVersion> ProgramVersions => Set<ProgramVersion>();
    public DbSet<ProgramEvent> ProgramEvents => Set<ProgramEvent>();
    public DbSet<ThematicConference> Conferences => Set<ThematicConference>();
    public DbSet<ConferenceUnit> ConferenceUnits => Set<ConferenceUnit>();
    public DbSet<ConferenceModel> ConferenceModels => Set<ConferenceModel>();
    public DbSet<ConferenceCommitment> ConferenceCommitments => Set<ConferenceCommitment>();
    public DbSet<ProgramAlert> ProgramAlerts => Set<ProgramAlert>();
    public DbSet<Cadre> Cadres => Set<Cadre>();
    public DbSet<CadrePosition> CadrePositions => Set<CadrePosition>();
    public DbSet<StaffingQuota> StaffingQuotas => Set<StaffingQuota>();
    public DbSet<Responsibility> Responsibilities => Set<Responsibility>();
    public DbSet<ResponsibilityVisit> ResponsibilityVisits => Set<ResponsibilityVisit>();
    public DbSet<UnitHolding> UnitHoldings => Set<UnitHolding>();
    public DbSet<TrainingCourse> TrainingCourses => Set<TrainingCourse>();
    public DbSet<TrainingEnrolment> TrainingEnrolments => Set<TrainingEnrolment>();
    public DbSet<DataSubjectRequest> DataSubjectRequests => Set<DataSubjectRequest>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StagedUpload> StagedUploads => Set<StagedUpload>();
    public DbSet<Exports.ExportJob> ExportJobs => Set<Exports.ExportJob>();
    public DbSet<Exports.ExportJobChunk> ExportJobChunks => Set<Exports.ExportJobChunk>();
    public DbSet<ProcessedRequest> ProcessedRequests => Set<ProcessedRequest>();
    public DbSet<Jobs.JobLease> JobLeases => Set<Jobs.JobLease>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    /// <summary>Who the audit trail names for this context's changes.</summary>
    public ICurrentUser? Actor { get; set; } = currentUser;

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<int>>().ToTable("AccountClaims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<int>>().ToTable("AccountLogins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<int>>().ToTable("AccountTokens");
        builder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
        builder.ApplyConfigurationsFromAssembly(typeof(DanVanDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are stored in UTC; SQLite hands them back unspecified, so say what they are.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(
        bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken = default
    )
    {
        var ledger = StatisticLedger.Capture(ChangeTracker);
        var recorder = new AuditRecorder(this, Actor, UtcNow);
        if (!recorder.Capture() && ledger.IsEmpty)
        {
            var events = recorder.AddedByCaller;
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            CopyToLog(events);
            return saved;
        }

        var added = recorder.AddedByCaller;

        await using var transaction = await OwnTransaction.BeginAsync(Database, cancellationToken);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await ledger.ApplyAsync(this, cancellationToken);
        var entries = recorder.Complete();
        AuditEntries.AddRange(entries);
        await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        foreach (var entry in entries)
        {
            Entry(entry).State = EntityState.Detached;
        }

        await transaction.CommitAsync(cancellationToken);
        CopyToLog([.. added, .. entries]);
        return written;
    }

    /// <summary>
    /// A copy of each audit entry, once saved, in the application log (ASVS V16.4.3): the host collects standard output
    /// and ships it off the server, so a change to the trail in the database can be told from the copy. Who, what, which
    /// record and where — numbers and names of types only; the person's name, e-mail, values and details stay in the
    /// database (no personal data in the log).
    /// </summary>
    private void CopyToLog(IReadOnlyList<AuditEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var log = this.GetService<ILoggerFactory>().CreateLogger("DanVan.Audit");
        foreach (var entry in entries)
        {
            log.LogInformation(
                "Audit {AuditId} {Action} {EntityType} {EntityId} by account {AccountId} in unit {UnitId} at {At:O}",
                entry.Id,
                entry.Action,
                entry.EntityType,
                IsPlainKey(entry.EntityId) ? entry.EntityId : "-",
                entry.AccountId,
                entry.UnitId,
                entry.At
            );
        }
    }

    /// <summary>A record's key that says nothing about a person: a number or a GUID.</summary>
    private static bool IsPlainKey(string? key) =>
        key is not null && (key.All(char.IsAsciiDigit) || Guid.TryParse(key, out _));

    /// <summary>Records an event that is not a row change (sign-in, merge, import) in the audit trail.</summary>
    public void Audit(
        AuditAction action,
        string entityType,
        string? entityId,
        UnitRef? unit,
        string? details = null,
        int? accountId = null,
        string? actorName = null
    )
    {
        AuditEntries.Add(
            new AuditEntry
            {
                At = UtcNow,
                AccountId = accountId ?? Actor?.AccountId,
                ActorName = actorName ?? AuditRecorder.ActorName(Actor),
                UnitId = unit?.Id,
                ProvinceId = unit?.ProvinceId,
                CommuneId = unit?.CommuneId,
                VillageId = unit?.VillageId,
                Action = action,
                EntityType = entityType,
                EntityId = entityId,
                Details = details is { Length: > 2000 } ? details[..2000] : details,
                RemoteAddress = Actor?.RemoteAddress,
            }
        );
    }

    private sealed class UtcDateTimeConverter()
        : ValueConverter<DateTime, DateTime>(
            v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc)
        );
}
