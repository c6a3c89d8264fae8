using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Privacy;

/// <summary>A request on the list: the person masked (the list is not where their data is handled).</summary>
public sealed record PrivacyRequestRow(
    int Id,
    string Code,
    RequestKind Kind,
    RequestStatus Status,
    string SubjectMasked,
    string UnitName,
    DateOnly ReceivedOn,
    DateOnly AcknowledgeBy,
    DateOnly DueOn,
    DeadlineState State
);

/// <summary>A request as its handler reads it: the person in clear where <see cref="PrivacyRules.ShowsIdentity"/>
/// allows (the read is audited) and masked otherwise, the deadlines, and what the finder reaches of their
/// data.</summary>
public sealed record PrivacyRequestView(
    int Id,
    string Code,
    int Version,
    RequestKind Kind,
    RequestStatus Status,
    string SubjectName,
    string? SubjectPhone,
    string? SubjectIdNumber,
    string? SubjectEmail,
    string? Details,
    int UnitId,
    string UnitName,
    DateOnly ReceivedOn,
    DateOnly AcknowledgeBy,
    DateOnly DueOn,
    DateOnly? AcknowledgedOn,
    DateOnly? ClosedOn,
    string? Outcome,
    DeadlineState State,
    FoundData Found,
    bool IdentityShown
);

internal sealed class ReadPrivacyRequests(
    DanVanDbContext db,
    ICurrentUser user,
    PersonFinder finder,
    TimeProvider clock
)
{
    public const int PageSize = 100;

    /// <summary>The requests already logged as viewed in this scope (one HTTP request): a page that reads the request
    /// again after a step, or the API's conflict answer, shows the same person to the same caller once.</summary>
    private readonly HashSet<int> logged = [];

    public DateOnly Today => VietnamTime.Today(clock);

    /// <summary>The subtree's requests: open ones first by their due day, then the closed ones, newest first.</summary>
    public async Task<IReadOnlyList<PrivacyRequestRow>> ListAsync(bool openOnly, CancellationToken ct)
    {
        var today = Today;
        var query = db.DataSubjectRequests.AsNoTracking().Where(PrivacyRules.Visible(user));
        if (openOnly)
        {
            query = query.Where(r => r.Status == RequestStatus.Received || r.Status == RequestStatus.Acknowledged);
        }

        var rows = await query
            .OrderBy(r => r.Status == RequestStatus.Fulfilled || r.Status == RequestStatus.Refused)
            .ThenBy(r => r.DueOn)
            .ThenByDescending(r => r.Id)
            .Take(PageSize)
            .Join(db.Units, r => r.UnitId, u => u.Id, (r, u) => new { Request = r, UnitName = u.Name })
            .ToListAsync(ct);
        return
        [
            .. rows.Select(x => new PrivacyRequestRow(
                x.Request.Id,
                PrivacyRules.Code(x.Request.Id),
                x.Request.Kind,
                x.Request.Status,
                Petitions.PersonalData.MaskName(x.Request.SubjectName) ?? "",
                x.UnitName,
                x.Request.ReceivedOn,
                x.Request.AcknowledgeBy,
                x.Request.DueOn,
                PrivacyRules.StateOn(x.Request, today)
            )),
        ];
    }

    /// <summary>The request with the person in clear and the records found, logged as a view of personal data once per
    /// scope; null when the caller does not handle it.</summary>
    public async Task<PrivacyRequestView?> GetAsync(int id, CancellationToken ct)
    {
        var row = await db
            .DataSubjectRequests.AsNoTracking()
            .Where(PrivacyRules.Visible(user))
            .Where(r => r.Id == id)
            .Join(db.Units, r => r.UnitId, u => u.Id, (r, u) => new { Request = r, UnitName = u.Name })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var r = row.Request;
        var found = await finder.FindAsync(r, ct);
        var shown = PrivacyRules.ShowsIdentity(user, r, found);
        if (shown && logged.Add(r.Id))
        {
            db.Audit(
                AuditAction.PersonalDataViewed,
                nameof(DataSubjectRequest),
                r.Id.ToString(CultureInfo.InvariantCulture),
                r.Ref
            );
            await db.SaveChangesAsync(ct);
        }

        return new PrivacyRequestView(
            r.Id,
            PrivacyRules.Code(r.Id),
            r.Version,
            r.Kind,
            r.Status,
            shown ? r.SubjectName : Petitions.PersonalData.MaskName(r.SubjectName) ?? "",
            shown ? r.SubjectPhone : Petitions.PersonalData.MaskTail(r.SubjectPhone),
            shown ? r.SubjectIdNumber : Petitions.PersonalData.MaskTail(r.SubjectIdNumber),
            shown ? r.SubjectEmail : Petitions.PersonalData.MaskTail(r.SubjectEmail),
            shown ? r.Details : null,
            r.UnitId,
            row.UnitName,
            r.ReceivedOn,
            r.AcknowledgeBy,
            r.DueOn,
            r.AcknowledgedOn,
            r.ClosedOn,
            r.Outcome,
            PrivacyRules.StateOn(r, Today),
            found,
            shown
        );
    }

    /// <summary>The units where the caller may record a request, for the form.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> RecordingUnitsAsync(CancellationToken ct) =>
        [
            .. (
                await db
                    .Units.AsNoTracking()
                    .Where(UnitScope.Units(user, Permission.PrivacyRequests))
                    .Where(u => u.ValidTo == null && u.Level != Units.UnitLevel.Village)
                    .OrderBy(u => u.Level)
                    .ThenBy(u => u.Name)
                    .Take(500)
                    .Select(u => new { u.Id, u.Name })
                    .ToListAsync(ct)
            ).Select(u => (u.Id, u.Name)),
        ];
}
