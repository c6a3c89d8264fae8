using System.Globalization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Programs;

/// <summary>
/// A merged unit's programs of the merger's year and later carry over to its successor: they become the successor's
/// (their rows' unit with them), keep their items' links to the programs above, and say where they came from — unless the
/// successor has its own program of that year and kind, when the merged unit's stays its own as history (its items still
/// count in the successor's column of the matrix: the ancestors are re-pointed for every row). Earlier years stay with
/// the unit they were made for. The successor takes part in the conferences its merged units took part in, and the
/// commitments they made there become its own.
/// </summary>
internal sealed class ProgramsInMergers(DanVanDbContext db) : IUnitMergeStep
{
    public async Task<string?> MoveAsync(UnitMerger merger, CancellationToken ct)
    {
        var from = merger.Sources.Max(s => s.ValidTo) ?? DateOnly.FromDateTime(db.UtcNow);
        var sourceIds = merger.SourceIds;
        var target = merger.Target;
        var programs = await db
            .WorkPrograms.Where(p => sourceIds.Contains(p.UnitId) && p.Year >= from.Year)
            .OrderBy(p => p.Id)
            .ToListAsync(ct);
        var taken = await db
            .WorkPrograms.Where(p => p.UnitId == target.Id)
            .Select(p => new { p.Year, p.Kind })
            .ToListAsync(ct);
        var carried = 0;
        foreach (var program in programs)
        {
            if (taken.Any(t => t.Year == program.Year && t.Kind == program.Kind))
            {
                continue;
            }

            taken.Add(new { program.Year, program.Kind });
            var source = merger.Sources.Single(s => s.Id == program.UnitId);
            program.CarriedFrom = source.Name;
            program.UnitId = target.Id;
            program.UnitLevel = target.Level;
            var id = program.Id;
            await db
                .ProgramItems.Where(i => i.ProgramId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UnitId, target.Id), ct);
            await db
                .ProgramBases.Where(b => b.ProgramId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.UnitId, target.Id), ct);
            await db
                .ProgramItemProgress.Where(p => p.ProgramId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.UnitId, target.Id), ct);
            await db
                .ProgramVersions.Where(v => v.ProgramId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.UnitId, target.Id), ct);
            await db
                .ProgramEvents.Where(e => e.ProgramId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.UnitId, target.Id), ct);
            carried++;
        }

        // The successor takes part in the conferences its merged units took part in, and owes what they committed to.
        foreach (
            var taking in (
                await db.ConferenceUnits.Where(x => sourceIds.Contains(x.ParticipantId)).ToListAsync(ct)
            ).GroupBy(x => x.ConferenceId)
        )
        {
            if (
                !await db.ConferenceUnits.AnyAsync(
                    x => x.ConferenceId == taking.Key && x.ParticipantId == target.Id,
                    ct
                )
            )
            {
                var row = taking.First();
                db.ConferenceUnits.Add(
                    new ConferenceUnit
                    {
                        ConferenceId = taking.Key,
                        ParticipantId = target.Id,
                        UnitId = row.UnitId,
                        ProvinceId = row.ProvinceId,
                        CommuneId = row.CommuneId,
                        VillageId = row.VillageId,
                    }
                );
            }
        }

        var commitments = await db
            .ConferenceCommitments.Where(c => sourceIds.Contains(c.UnitId))
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.UnitId, target.Id).SetProperty(c => c.UnitLevel, target.Level),
                ct
            );
        return carried == 0 && commitments == 0
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"programs carried over={carried}, commitments carried over={commitments}"
            );
    }
}
