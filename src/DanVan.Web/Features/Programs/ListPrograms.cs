using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Programs;

public sealed record ProgramQuery(
    int? UnitId = null,
    int? Year = null,
    ProgramStatus? Status = null,
    string? Q = null,
    string? After = null,
    int Limit = 50
);

public sealed record ProgramListRow(
    int Id,
    int Year,
    ProgramKind Kind,
    string Title,
    ProgramStatus Status,
    int Edition,
    int UnitId,
    string UnitName,
    UnitLevel UnitLevel,
    int Items,
    int ItemsDone,
    DateOnly? PublishedOn,
    string? ParentTitle
);

/// <summary>The programs the caller reads (<see cref="ProgramAccess"/>): newest year first, then from the top of the
/// tree down, keyset-paged.</summary>
internal sealed class ListPrograms(DanVanDbContext db, ICurrentUser user)
{
    public async Task<ListPage<ProgramListRow>> HandleAsync(ProgramQuery query, CancellationToken ct)
    {
        var rows = db.WorkPrograms.AsNoTracking().Where(ProgramAccess.Visible(user));
        if (query.UnitId is { } unitId)
        {
            rows = await rows.InSubtreeOfAsync(db.Units, unitId, ct);
        }

        if (query.Year is { } year)
        {
            rows = rows.Where(p => p.Year == year);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(p => p.Status == status);
        }

        foreach (var word in TextSearch.Normalize(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
        {
            var pattern = "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = rows.Where(p => EF.Functions.Like(p.SearchText, pattern, "\\"));
        }

        if (
            PageCursor.Decode(query.After) is { } c
            && int.TryParse(c.Key, System.Globalization.CultureInfo.InvariantCulture, out var afterYear)
        )
        {
            rows = rows.Where(p => p.Year < afterYear || (p.Year == afterYear && p.Id > c.Id));
        }

        var limit = Math.Clamp(query.Limit, 1, 500);
        var page = await rows.OrderByDescending(p => p.Year)
            .ThenBy(p => p.Id)
            .Take(limit + 1)
            .Select(p => new ProgramListRow(
                p.Id,
                p.Year,
                p.Kind,
                p.Title,
                p.Status,
                p.Edition,
                p.UnitId,
                db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(),
                p.UnitLevel,
                db.ProgramItems.Count(i => i.ProgramId == p.Id),
                db.ProgramItems.Count(i => i.ProgramId == p.Id && i.Status == ItemStatus.Done),
                p.PublishedOn,
                db.WorkPrograms.Where(x => x.Id == p.ParentProgramId).Select(x => x.Title).FirstOrDefault()
            ))
            .ToListAsync(ct);
        string? next = null;
        if (page.Count > limit)
        {
            page.RemoveAt(limit);
            var last = page[^1];
            next = PageCursor.Encode(last.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), last.Id);
        }

        return new ListPage<ProgramListRow>(page, next);
    }
}
