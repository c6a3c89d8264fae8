using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Models;

/// <summary>Counts of one (field, kind, recognition level) group.</summary>
public sealed record ModelCountRow(
    int FieldId,
    ModelKind Kind,
    RecognitionLevel? Level,
    int Registered,
    int Recognized
);

/// <summary>Replications started in a subtree, by the source model's field and kind.</summary>
public sealed record ReplicationCountRow(int FieldId, ModelKind Kind, int Replicated);

/// <summary>The model counts of a subtree and period, in groups that add up to the totals.</summary>
public sealed record ModelCounts(
    DateOnly? From,
    DateOnly? To,
    IReadOnlyList<ModelCountRow> Rows,
    IReadOnlyList<ReplicationCountRow> ReplicationRows
)
{
    public int Replicated => ReplicationRows.Sum(r => r.Replicated);

    public int Registered => Rows.Sum(r => r.Registered);
    public int Recognized => Rows.Sum(r => r.Recognized);
    public int RecognizedCollective => Rows.Where(r => r.Kind != ModelKind.IndividualExemplar).Sum(r => r.Recognized);
    public int RecognizedIndividual => Rows.Where(r => r.Kind == ModelKind.IndividualExemplar).Sum(r => r.Recognized);

    public int RecognizedAt(RecognitionLevel level) => Rows.Where(r => r.Level == level).Sum(r => r.Recognized);

    public IEnumerable<(int FieldId, int Registered, int Recognized)> ByField() =>
        Rows.GroupBy(r => r.FieldId).Select(g => (g.Key, g.Sum(r => r.Registered), g.Sum(r => r.Recognized)));
}

/// <summary>How many models stand in each status now, and how many below the unit await its inspection.</summary>
public sealed record ModelStatusCounts(IReadOnlyDictionary<ModelStatus, int> ByStatus, int AwaitingInspectionBelow)
{
    public int InStatus(ModelStatus status) => ByStatus.TryGetValue(status, out var n) ? n : 0;
}

/// <summary>
/// The one definition of "models registered" and "models recognized" (DOMAIN.md §2) used by the home page,
/// the API and, later, the reports. A model counts as registered in the period of its registration date,
/// whatever happened to it since (withdrawn included), and as recognized in the period of its recognition
/// decision while it stays recognized or commended. Drafts never count. A replication counts in the period of
/// its start, towards the adopting unit's subtree, whatever its status. Models of merged units count
/// towards the successor through their ancestor columns. Two grouped statements over indexed subtrees.
/// </summary>
internal sealed class ModelStatistics(DanVanDbContext db, ICurrentUser user)
{
    private sealed record Group(
        int FieldId,
        ModelKind Kind,
        RecognitionLevel? Level,
        ModelStatus Status,
        UnitLevel UnitLevel,
        int Registered,
        int Recognized,
        int Count
    );

    /// <summary>
    /// The counts of the subtree of the unit named, else of the caller's active unit; null when there is no such unit
    /// or
    /// the caller may not see its models (one more statement, to find the unit).
    /// </summary>
    public async Task<ModelCounts?> CountForAsync(int? unitId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var id = unitId ?? user.Active?.UnitId;
        UnitRef? unit = id is null
            ? null
            : await db
                .Units.AsNoTracking()
                .Where(u => u.Id == id)
                .Select(u => (UnitRef?)new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId))
                .SingleOrDefaultAsync(ct);
        return unit is { } scope && user.Can(Permission.ModelsView, scope)
            ? await CountAsync(scope, from, to, ct)
            : null;
    }

    public async Task<ModelCounts> CountAsync(UnitRef subtree, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        Counts(await GroupsAsync(subtree, from, to, ct), await ReplicationsAsync(subtree, from, to, ct), from, to);

    /// <summary>How many models of the subtree stand in each status now, and how many below it await inspection (for
    /// "what needs me today"; the period counts are the statistics catalogue's). One statement.</summary>
    public async Task<ModelStatusCounts> StatusAsync(UnitRef subtree, CancellationToken ct)
    {
        var groups = await GroupsAsync(subtree, null, null, ct);
        return new ModelStatusCounts(
            groups.GroupBy(g => g.Status).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)),
            groups.Where(g => g.Status == ModelStatus.Implementing && g.UnitLevel > subtree.Level).Sum(g => g.Count)
        );
    }

    private static ModelCounts Counts(
        List<Group> groups,
        List<ReplicationCountRow> replications,
        DateOnly? from,
        DateOnly? to
    ) =>
        new(
            from,
            to,
            [
                .. groups
                    .GroupBy(g => (g.FieldId, g.Kind, g.Level))
                    .Select(g => new ModelCountRow(
                        g.Key.FieldId,
                        g.Key.Kind,
                        g.Key.Level,
                        g.Sum(x => x.Registered),
                        g.Sum(x => x.Recognized)
                    ))
                    .Where(r => r.Registered > 0 || r.Recognized > 0)
                    .OrderBy(r => r.FieldId)
                    .ThenBy(r => r.Kind)
                    .ThenBy(r => r.Level),
            ],
            replications
        );

    private Task<List<ReplicationCountRow>> ReplicationsAsync(
        UnitRef subtree,
        DateOnly? from,
        DateOnly? to,
        CancellationToken ct
    )
    {
        var start = from ?? DateOnly.MinValue;
        var end = to ?? DateOnly.MaxValue;
        return db
            .ModelReplications.AsNoTracking()
            .Where(UnitScope.Rows<ModelReplication>(user, Permission.ModelsView))
            .Where(
                UnitScope.Within<ModelReplication>(
                    [(subtree.Level, subtree.Id)],
                    r => r.ProvinceId,
                    r => r.CommuneId,
                    r => r.VillageId
                )
            )
            .Where(r => r.StartDate >= start && r.StartDate <= end)
            .Join(db.Models, r => r.SourceModelId, m => m.Id, (r, m) => new { m.FieldId, m.Kind })
            .GroupBy(x => new { x.FieldId, x.Kind })
            .Select(g => new ReplicationCountRow(g.Key.FieldId, g.Key.Kind, g.Count()))
            .ToListAsync(ct);
    }

    private Task<List<Group>> GroupsAsync(UnitRef subtree, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var start = from ?? DateOnly.MinValue;
        var end = to ?? DateOnly.MaxValue;
        return db
            .Models.AsNoTracking()
            .Where(UnitScope.Rows<MobilizationModel>(user, Permission.ModelsView))
            .Where(
                UnitScope.Within<MobilizationModel>(
                    [(subtree.Level, subtree.Id)],
                    m => m.ProvinceId,
                    m => m.CommuneId,
                    m => m.VillageId
                )
            )
            .GroupBy(m => new
            {
                m.FieldId,
                m.Kind,
                m.Status,
                m.UnitLevel,
                Level = m.Status == ModelStatus.Recognized || m.Status == ModelStatus.Commended
                    ? m.RecognitionLevel
                    : null,
            })
            .Select(g => new Group(
                g.Key.FieldId,
                g.Key.Kind,
                g.Key.Level,
                g.Key.Status,
                g.Key.UnitLevel,
                g.Sum(m => m.RegisteredOn != null && m.RegisteredOn >= start && m.RegisteredOn <= end ? 1 : 0),
                g.Sum(m =>
                    (m.Status == ModelStatus.Recognized || m.Status == ModelStatus.Commended)
                    && m.RecognizedOn >= start
                    && m.RecognizedOn <= end
                        ? 1
                        : 0
                ),
                g.Count()
            ))
            .ToListAsync(ct);
    }
}
