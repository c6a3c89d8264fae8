using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Models;

/// <summary>A replication with its source model's name, its unit, organization and results.</summary>
public sealed record ReplicationDetail(
    int Id,
    int SourceModelId,
    string SourceModelName,
    int UnitId,
    string UnitName,
    int OrganizationId,
    string OrganizationName,
    DateOnly StartDate,
    string Adaptations,
    ReplicationStatus Status,
    string? StatusNote,
    int Version,
    IReadOnlyList<ModelResultRow> Results,
    bool CanEdit,
    bool CanSeeSource
);

/// <summary>One replication inside the caller's subtrees (it belongs to the adopting unit). One statement.</summary>
internal sealed class GetReplication(DanVanDbContext db, ICurrentUser user)
{
    public async Task<ReplicationDetail?> HandleAsync(int id, CancellationToken ct)
    {
        var found = await db
            .ModelReplications.AsNoTracking()
            .Where(UnitScope.Rows<ModelReplication>(user, Permission.ModelsView))
            .Where(r => r.Id == id)
            .Select(r => new
            {
                Replication = r,
                Source = db
                    .Models.Where(m => m.Id == r.SourceModelId)
                    .Select(m => new
                    {
                        m.Name,
                        Ref = new UnitRef(m.UnitId, m.UnitLevel, m.ProvinceId, m.CommuneId, m.VillageId),
                        m.IsPublic,
                    })
                    .First(),
                UnitName = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(),
                OrganizationName = db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).First(),
                Results = db
                    .ModelResults.Where(x => x.ReplicationId == r.Id)
                    .Join(db.ResultIndicators, x => x.IndicatorId, i => i.Id, (x, i) => new { x, i })
                    .OrderBy(x => x.i.SortOrder)
                    .ThenBy(x => x.x.Year)
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var r = found.Replication;
        return new ReplicationDetail(
            r.Id,
            r.SourceModelId,
            found.Source.Name,
            r.UnitId,
            found.UnitName,
            r.OrganizationId,
            found.OrganizationName,
            r.StartDate,
            r.Adaptations,
            r.Status,
            r.StatusNote,
            r.Version,
            [
                .. found.Results.Select(x => new ModelResultRow(
                    x.x.Id,
                    x.i.Id,
                    x.i.LocalName,
                    x.i.LocalMeasure,
                    x.x.Year,
                    x.x.Target,
                    x.x.Actual,
                    x.x.Note,
                    x.x.Version
                )),
            ],
            CanEdit: user.Can(Permission.ModelsEdit, r.Ref),
            CanSeeSource: user.Can(Permission.ModelsView, found.Source.Ref)
        );
    }
}
