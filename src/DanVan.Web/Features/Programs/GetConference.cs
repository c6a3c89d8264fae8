using DanVan.Web.Features.Models;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Programs;

/// <summary>A model presented at a conference, or committed to: its page is linked where the reader may open it.</summary>
public sealed record ConferenceModelRow(int Id, string Name, string UnitName, bool Readable);

/// <summary>A commitment as its conference's page and the API show it, with the replication it became.</summary>
public sealed record CommitmentRow(
    int Id,
    int UnitId,
    string UnitName,
    int ModelId,
    string ModelName,
    bool ModelReadable,
    DateOnly DueOn,
    string? Note,
    CommitmentStatus Status,
    int? ReplicationId,
    ReplicationStatus? ReplicationStatus,
    DateOnly? FulfilledOn,
    bool Overdue,
    bool MayReplicate,
    int Version
);

/// <summary>A conference with what the reader may do on it.</summary>
public sealed record ConferenceView(
    ThematicConference Conference,
    string UnitName,
    IReadOnlyList<ConferenceOption> Participants,
    IReadOnlyList<ConferenceModelRow> Models,
    IReadOnlyList<CommitmentRow> Commitments,
    bool MayWrite
);

/// <summary>A conference for its page and the API, in three statements: the conference with its host; the participants
/// and the models presented; the commitments with their units, models and replications.</summary>
internal sealed class GetConference(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    private sealed record ModelFacts(
        int Id,
        string Name,
        string UnitName,
        UnitRef Ref,
        bool IsPublic,
        ModelStatus Status
    );

    /// <summary>The conference; without its commitments when <paramref name="commitments"/> is false (the editor's
    /// reading: one statement fewer).</summary>
    public async Task<ConferenceView?> HandleAsync(int id, CancellationToken ct, bool commitments = true)
    {
        var found = await db
            .Conferences.AsNoTracking()
            .Where(c => c.Id == id)
            .Where(ConferenceAccess.Visible(user))
            .Select(c => new
            {
                Conference = c,
                UnitName = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).Single(),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        // The participants and the models presented in one statement (a union of the two lists).
        var participantRows =
            from x in db.ConferenceUnits
            where x.ConferenceId == id
            join u in db.Units on x.ParticipantId equals u.Id
            select new
            {
                IsModel = false,
                u.Id,
                u.Name,
                UnitName = "",
                UnitId = u.Id,
                Level = u.Level,
                u.ProvinceId,
                u.CommuneId,
                u.VillageId,
                IsPublic = false,
                Status = ModelStatus.Draft,
            };
        var modelRows =
            from x in db.ConferenceModels
            where x.ConferenceId == id
            join m in db.Models on x.ModelId equals m.Id
            join u in db.Units on m.UnitId equals u.Id
            select new
            {
                IsModel = true,
                m.Id,
                m.Name,
                UnitName = u.Name,
                m.UnitId,
                Level = m.UnitLevel,
                m.ProvinceId,
                m.CommuneId,
                m.VillageId,
                m.IsPublic,
                m.Status,
            };
        var links = await participantRows.Concat(modelRows).AsNoTracking().ToListAsync(ct);
        var participants = links
            .Where(l => !l.IsModel)
            .OrderBy(l => l.Level)
            .ThenBy(l => l.Name, StringComparer.Ordinal)
            .Select(l => new ConferenceOption(l.Id, l.Name, null))
            .ToList();
        var models = links
            .Where(l => l.IsModel)
            .OrderBy(l => l.Name, StringComparer.Ordinal)
            .Select(l => new ModelFacts(
                l.Id,
                l.Name,
                l.UnitName,
                new UnitRef(l.UnitId, l.Level, l.ProvinceId, l.CommuneId, l.VillageId),
                l.IsPublic,
                l.Status
            ))
            .ToList();
        var rows = !commitments
            ? []
            : await db
                .ConferenceCommitments.AsNoTracking()
                .Where(c => c.ConferenceId == id)
                .OrderBy(c => c.DueOn)
                .ThenBy(c => c.Id)
                .Select(c => new
                {
                    Commitment = c,
                    UnitName = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).Single(),
                    Model = db
                        .Models.Where(m => m.Id == c.ModelId)
                        .Select(m => new ModelFacts(
                            m.Id,
                            m.Name,
                            "",
                            new UnitRef(m.UnitId, m.UnitLevel, m.ProvinceId, m.CommuneId, m.VillageId),
                            m.IsPublic,
                            m.Status
                        ))
                        .Single(),
                    ReplicationStatus = db
                        .ModelReplications.Where(r => r.Id == c.ReplicationId)
                        .Select(r => (ReplicationStatus?)r.Status)
                        .FirstOrDefault(),
                })
                .ToListAsync(ct);
        var today = VietnamTime.Today(clock);
        bool Readable(ModelFacts m) =>
            user.Can(Permission.ModelsView, m.Ref)
            || (m.IsPublic && m.Status is ModelStatus.Recognized or ModelStatus.Commended);
        return new ConferenceView(
            found.Conference,
            found.UnitName,
            participants,
            [.. models.Select(m => new ConferenceModelRow(m.Id, m.Name, m.UnitName, Readable(m)))],
            [
                .. rows.Select(x =>
                {
                    var c = x.Commitment;
                    return new CommitmentRow(
                        c.Id,
                        c.UnitId,
                        x.UnitName,
                        c.ModelId,
                        x.Model.Name,
                        Readable(x.Model),
                        c.DueOn,
                        c.Note,
                        c.Status,
                        c.ReplicationId,
                        x.ReplicationStatus,
                        c.FulfilledOn,
                        c.Status == CommitmentStatus.Pending && c.DueOn < today,
                        c.Status == CommitmentStatus.Pending && user.Can(Permission.ModelsEdit, c.Ref),
                        c.Version
                    );
                }),
            ],
            ProgramRules.MayWrite(user, found.Conference.UnitId)
        );
    }
}

public sealed record ConferenceQuery(
    int? UnitId = null,
    int? Year = null,
    ConferenceType? Type = null,
    string? Q = null,
    string? After = null,
    int Limit = 50
);

public sealed record ConferenceListRow(
    int Id,
    ConferenceType Type,
    string Title,
    DateOnly HeldOn,
    int UnitId,
    string UnitName,
    int Participants,
    int Commitments,
    int Replicated
);

/// <summary>The conferences the caller reads (<see cref="ConferenceAccess"/>), latest first, keyset-paged.</summary>
internal sealed class ListConferences(DanVanDbContext db, ICurrentUser user)
{
    public async Task<ListPage<ConferenceListRow>> HandleAsync(ConferenceQuery query, CancellationToken ct)
    {
        var rows = db.Conferences.AsNoTracking().Where(ConferenceAccess.Visible(user));
        if (query.UnitId is { } unitId)
        {
            rows = await rows.InSubtreeOfAsync(db.Units, unitId, ct);
        }

        if (query.Year is { } year)
        {
            var from = new DateOnly(Math.Clamp(year, 1, 9998), 1, 1);
            var to = from.AddYears(1);
            rows = rows.Where(c => c.HeldOn >= from && c.HeldOn < to);
        }

        if (query.Type is { } type)
        {
            rows = rows.Where(c => c.Type == type);
        }

        foreach (var word in TextSearch.Normalize(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
        {
            var pattern = "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = rows.Where(c => EF.Functions.Like(c.SearchText, pattern, "\\"));
        }

        if (
            PageCursor.Decode(query.After) is { } cursor
            && DateOnly.TryParseExact(
                cursor.Key,
                "yyyy-MM-dd",
                System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None,
                out var afterDay
            )
        )
        {
            rows = rows.Where(c => c.HeldOn < afterDay || (c.HeldOn == afterDay && c.Id < cursor.Id));
        }

        var limit = Math.Clamp(query.Limit, 1, 500);
        var page = await rows.OrderByDescending(c => c.HeldOn)
            .ThenByDescending(c => c.Id)
            .Take(limit + 1)
            .Select(c => new ConferenceListRow(
                c.Id,
                c.Type,
                c.Title,
                c.HeldOn,
                c.UnitId,
                db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).Single(),
                db.ConferenceUnits.Count(x => x.ConferenceId == c.Id),
                db.ConferenceCommitments.Count(x => x.ConferenceId == c.Id && x.Status != CommitmentStatus.Withdrawn),
                db.ConferenceCommitments.Count(x => x.ConferenceId == c.Id && x.Status == CommitmentStatus.Replicated)
            ))
            .ToListAsync(ct);
        string? next = null;
        if (page.Count > limit)
        {
            page.RemoveAt(limit);
            var last = page[^1];
            next = PageCursor.Encode(
                last.HeldOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                last.Id
            );
        }

        return new ListPage<ConferenceListRow>(page, next);
    }
}
