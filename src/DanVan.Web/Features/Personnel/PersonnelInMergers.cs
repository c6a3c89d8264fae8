using System.Globalization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Personnel;

/// <summary>
/// When units merge, their cadres and the responsibilities for them move to the successor from the merger's day, and the
/// history stays true: a post held in a merged unit ends the day before and the same post starts in the successor's body
/// of the same type (so each unit counts the cadre for their time); an assignment to hold a merged unit (or a group in
/// it) ends the day before and the same holder holds the successor from that day; an assignment held by a merged unit's
/// body passes to the successor's body of the same type. Nothing is invented: a post whose body has no counterpart in the
/// successor, or whose one-holder post (head, standing deputy) is already held there, ends, and an assignment whose
/// holder has no counterpart or already holds the same there ends too; the merger's audit line counts them, and the
/// cadre's record is at the successor for its personnel officer to post again. Rows that start on or after the merger's
/// day simply move. Tracked changes, so the staffing figures' summary rows follow in the same transaction.
/// </summary>
internal sealed class PersonnelInMergers(DanVanDbContext db) : IUnitMergeStep
{
    public async Task<string?> MoveAsync(UnitMerger merger, CancellationToken ct)
    {
        var target = merger.Target;
        var sourceIds = merger.SourceIds;
        var day = merger.Sources.Max(s => s.ValidTo) ?? DateOnly.FromDateTime(db.UtcNow);
        var before = day.AddDays(-1);

        // The successor's bodies by type (those in force), and the merged units' bodies' types.
        var successorBodies = await db
            .Organizations.Where(o => o.UnitId == target.Id && o.IsActive)
            .OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Type })
            .ToListAsync(ct);
        var sourceBodies = await db
            .Organizations.Where(o => sourceIds.Contains(o.UnitId))
            .Select(o => new { o.Id, o.Type })
            .ToDictionaryAsync(o => o.Id, o => o.Type, ct);
        var sourceBodyIds = sourceBodies.Keys.ToList();
        int? CounterpartOf(int body) =>
            sourceBodies.TryGetValue(body, out var type)
                ? successorBodies.FirstOrDefault(b => b.Type == type)?.Id
                : null;

        // The records move: the successor's personnel officers keep them from now on.
        var cadres = await db.Cadres.Where(c => sourceIds.Contains(c.UnitId)).ToListAsync(ct);
        foreach (var cadre in cadres)
        {
            cadre.UnitId = target.Id;
            cadre.UnitLevel = target.Level;
        }

        // Posts held on or after the merger's day.
        var posts = await db
            .CadrePositions.Where(p => sourceIds.Contains(p.UnitId) && (p.EndOn == null || p.EndOn >= day))
            .OrderBy(p => p.Id)
            .ToListAsync(ct);
        var heldThere = await db
            .CadrePositions.Where(p => p.UnitId == target.Id && (p.EndOn == null || p.EndOn >= day))
            .Select(p => new { p.OrganizationId, p.Post })
            .ToListAsync(ct);
        var (moved, ended) = (0, 0);
        foreach (var post in posts)
        {
            var body = CounterpartOf(post.OrganizationId);
            var taken =
                body is { } b
                && CadreRules.IsSingleHolder(post.Post)
                && heldThere.Any(h => h.OrganizationId == b && h.Post == post.Post);
            if (body is not { } successorBody || taken)
            {
                // Nothing to move to: the post ends with the unit (or, starting later, never begins).
                if (post.StartOn >= day)
                {
                    db.CadrePositions.Remove(post);
                }
                else
                {
                    post.EndOn = before;
                }

                ended++;
                continue;
            }

            heldThere.Add(new { OrganizationId = successorBody, post.Post });
            if (post.StartOn >= day)
            {
                Place(post, target, successorBody);
            }
            else
            {
                var carried = new CadrePosition
                {
                    CadreId = post.CadreId,
                    Post = post.Post,
                    FullTime = post.FullTime,
                    StartOn = day,
                    EndOn = post.EndOn,
                    DecisionNumber = post.DecisionNumber,
                    DecisionDate = post.DecisionDate,
                    CadreTheory = post.CadreTheory,
                };
                Place(carried, target, successorBody);
                post.EndOn = before;
                db.CadrePositions.Add(carried);
            }

            moved++;
        }

        // Assignments current on or after the merger's day: for a merged unit (or a group in it), or held by a merged
        // unit's body.
        var assignments = await db
            .Responsibilities.Where(r =>
                (sourceIds.Contains(r.UnitId) || sourceBodyIds.Contains(r.HolderOrganizationId ?? 0))
                && (r.ToOn == null || r.ToOn >= day)
            )
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
        var heldNow = await db
            .Responsibilities.Where(r => r.UnitId == target.Id && (r.ToOn == null || r.ToOn >= day))
            .Select(r => new
            {
                r.UnitId,
                r.GroupName,
                r.HolderCadreId,
                r.HolderOrganizationId,
            })
            .ToListAsync(ct);
        var (passed, released) = (0, 0);
        foreach (var held in assignments)
        {
            var unitId = sourceIds.Contains(held.UnitId) ? target.Id : held.UnitId;
            var holderBody = held.HolderOrganizationId is { } organization
                ? (sourceBodies.ContainsKey(organization) ? CounterpartOf(organization) : organization)
                : null;
            var twice = heldNow.Any(h =>
                h.UnitId == unitId
                && h.GroupName == held.GroupName
                && h.HolderCadreId == held.HolderCadreId
                && h.HolderOrganizationId == holderBody
            );
            if ((held.HolderOrganizationId is not null && holderBody is null) || twice)
            {
                if (held.FromOn >= day)
                {
                    db.Responsibilities.Remove(held);
                }
                else
                {
                    held.ToOn = before;
                }

                released++;
                continue;
            }

            heldNow.Add(
                new
                {
                    UnitId = unitId,
                    held.GroupName,
                    held.HolderCadreId,
                    HolderOrganizationId = holderBody,
                }
            );
            var unit = unitId == target.Id ? target : null;
            if (held.FromOn >= day)
            {
                held.HolderOrganizationId = holderBody;
                if (unit is not null)
                {
                    Place(held, unit);
                }
            }
            else
            {
                var carried = new Responsibility
                {
                    UnitId = held.UnitId,
                    ProvinceId = held.ProvinceId,
                    CommuneId = held.CommuneId,
                    VillageId = held.VillageId,
                    UnitLevel = held.UnitLevel,
                    GroupName = held.GroupName,
                    HolderCadreId = held.HolderCadreId,
                    HolderOrganizationId = holderBody,
                    FromOn = day,
                    ToOn = held.ToOn,
                    Note = held.Note,
                };
                if (unit is not null)
                {
                    Place(carried, unit);
                }

                held.ToOn = before;
                db.Responsibilities.Add(carried);
            }

            passed++;
        }

        // The merged units are held no longer from the merger's day, the successor by their holders too; a unit held by
        // a merged unit's body that has no counterpart may be held by nobody now.
        await HeldUnits.SyncAsync(db, [.. sourceIds, target.Id, .. assignments.Select(a => a.UnitId)], ct);
        return moved + ended + passed + released + cadres.Count == 0
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"cadres moved={cadres.Count}, posts carried over={moved}, posts ended={ended}, responsibilities carried over={passed}, responsibilities ended={released}"
            );
    }

    private static void Place(CadrePosition post, Unit unit, int body)
    {
        post.UnitId = unit.Id;
        post.UnitLevel = unit.Level;
        post.ProvinceId = unit.ProvinceId;
        post.CommuneId = unit.CommuneId;
        post.VillageId = unit.VillageId;
        post.OrganizationId = body;
    }

    private static void Place(Responsibility held, Unit unit)
    {
        held.UnitId = unit.Id;
        held.UnitLevel = unit.Level;
        held.ProvinceId = unit.ProvinceId;
        held.CommuneId = unit.CommuneId;
        held.VillageId = unit.VillageId;
    }
}
