using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Personnel;

/// <summary>Which cadres to list. <see cref="Q"/> searches names, and only for those who may see them.</summary>
public sealed record CadreQuery(
    int? UnitId = null,
    string? Q = null,
    TheoryLevel? Theory = null,
    bool? Serving = null,
    string? After = null,
    int Limit = 50
);

/// <summary>A cadre on the list: the name masked, the post held today and the qualifications.</summary>
public sealed record CadreListRow(
    int Id,
    string Name,
    Sex Sex,
    int UnitId,
    string UnitName,
    CadrePost? Post,
    string? Body,
    bool? FullTime,
    TheoryLevel TheoryLevel,
    ProfessionalLevel ProfessionalLevel,
    bool Erased
);

/// <summary>The cadres of the caller's subtree, keyset-paged by id (one statement).</summary>
internal sealed class ListCadres(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<ListPage<CadreListRow>> HandleAsync(CadreQuery query, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var rows = db.Cadres.AsNoTracking().Where(UnitScope.Rows<Cadre>(user, Permission.PersonnelView));
        if (query.UnitId is { } unitId)
        {
            rows = await rows.InSubtreeOfAsync(db.Units, unitId, ct);
        }

        if (query.Theory is { } theory)
        {
            rows = rows.Where(c => c.TheoryLevel == theory);
        }

        if (query.Serving is { } serving)
        {
            rows = rows.Where(c =>
                db.CadrePositions.Any(p =>
                    p.CadreId == c.Id && p.StartOn <= today && (p.EndOn == null || p.EndOn >= today)
                ) == serving
            );
        }

        // A name search is a way to find a person: only for those who see the names (the field rule), and only among
        // the cadres whose names they see. Others' words are ignored.
        var words = TextSearch.Normalize(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6).ToList();
        if (words.Count > 0 && user.Can(Permission.PersonnelPersonalData))
        {
            foreach (var word in words)
            {
                var pattern = "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
                rows = rows.Where(c => EF.Functions.Like(c.SearchText, pattern, "\\"));
            }

            rows = rows.Where(UnitScope.Rows<Cadre>(user, Permission.PersonnelPersonalData));
        }

        if (PageCursor.Decode(query.After) is { } cursor)
        {
            rows = rows.Where(c => c.Id < cursor.Id);
        }

        var limit = Math.Clamp(query.Limit, 1, 500);
        var page = await rows.OrderByDescending(c => c.Id)
            .Take(limit + 1)
            .Select(c => new
            {
                c.Id,
                c.FullName,
                c.Sex,
                c.UnitId,
                UnitName = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).Single(),
                Current = db
                    .CadrePositions.Where(p =>
                        p.CadreId == c.Id && p.StartOn <= today && (p.EndOn == null || p.EndOn >= today)
                    )
                    .OrderByDescending(p => p.FullTime)
                    .ThenByDescending(p => p.StartOn)
                    .Select(p => new
                    {
                        p.Post,
                        p.FullTime,
                        Body = db.Organizations.Where(o => o.Id == p.OrganizationId).Select(o => o.Name).Single(),
                    })
                    .FirstOrDefault(),
                c.TheoryLevel,
                c.ProfessionalLevel,
                c.ErasedAt,
            })
            .ToListAsync(ct);
        string? next = null;
        if (page.Count > limit)
        {
            page.RemoveAt(limit);
            next = PageCursor.Encode("", page[^1].Id);
        }

        return new ListPage<CadreListRow>(
            [
                .. page.Select(c => new CadreListRow(
                    c.Id,
                    CadreRules.Mask(c.FullName),
                    c.Sex,
                    c.UnitId,
                    c.UnitName,
                    c.Current?.Post,
                    c.Current?.Body,
                    c.Current?.FullTime,
                    c.TheoryLevel,
                    c.ProfessionalLevel,
                    c.ErasedAt is not null
                )),
            ],
            next
        );
    }
}
