using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Models;

public sealed record ModelResultRow(int Id, int IndicatorId, string Indicator, string Measure, int Year, double? Target, double? Actual, string? Note);

public sealed record ModelEventRow(long Id, ModelAction Action, ModelStatus From, ModelStatus To, DateTime At, DateOnly? On, string ActorName, string? Note);

/// <summary>A model with everything its page shows, and what the caller may do with it.</summary>
public sealed record ModelDetail(
    MobilizationModel Model, string UnitName, string OrganizationName, string FieldName,
    IReadOnlyList<UnitLink> Ancestors,
    IReadOnlyList<ModelResultRow> Results, IReadOnlyList<ModelEventRow> Events,
    bool CanEdit, bool CanReport, IReadOnlyList<ModelAction> Steps)
{
    public bool IsActiveUnit { get; init; } = true;
}

/// <summary>One model inside the caller's subtrees, with its results and history. Three statements.</summary>
internal sealed class GetModel(DanVanDbContext db, ICurrentUser user)
{
    public async Task<ModelDetail?> HandleAsync(int id, CancellationToken ct)
    {
        var found = await db.Models.AsNoTracking()
            .Where(UnitScope.Rows<MobilizationModel>(user, Permission.ModelsView))
            .Where(m => m.Id == id)
            .Select(m => new
            {
                Model = m,
                Organization = db.Organizations.Where(o => o.Id == m.OrganizationId).Select(o => o.Name).Single(),
                Field = db.ModelFields.Single(f => f.Id == m.FieldId),
                Results = db.ModelResults.Where(r => r.ModelId == m.Id)
                    .Join(db.ResultIndicators, r => r.IndicatorId, i => i.Id, (r, i) => new { r, i })
                    .OrderBy(x => x.i.SortOrder).ThenBy(x => x.r.Year).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var model = found.Model;
        var units = await db.Units.AsNoTracking()
            .Where(u => u.Id == model.UnitId || u.Id == model.ProvinceId || u.Id == model.CommuneId || u.Level == UnitLevel.Central)
            .Select(u => new { u.Id, u.Code, u.Name, u.Kind, u.Level, u.ValidTo, Ref = new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId) })
            .ToListAsync(ct);
        var unit = units.Single(u => u.Id == model.UnitId);
        var ancestors = units.Where(u => u.Id != model.UnitId).OrderBy(u => u.Level)
            .Select(u => new UnitLink(u.Id, u.Code, u.Name, u.Kind, user.Can(Permission.UnitsView, u.Ref)))
            .Append(new UnitLink(unit.Id, unit.Code, unit.Name, unit.Kind, user.Can(Permission.UnitsView, unit.Ref)))
            .ToList();

        var results = found.Results;
        var events = await db.ModelEvents.AsNoTracking().Where(e => e.ModelId == id).OrderBy(e => e.Id)
            .Select(e => new ModelEventRow(e.Id, e.Action, e.From, e.To, e.At, e.On, e.ActorName, e.Note))
            .ToListAsync(ct);

        var steps = ModelLifecycle.From(model.Status).Where(s => ModelLifecycle.MayOffer(user, model, s)).Select(s => s.Action).ToList();
        return new ModelDetail(
            model, unit.Name, found.Organization, found.Field.LocalName, ancestors,
            [.. results.Select(x => new ModelResultRow(x.r.Id, x.i.Id, x.i.LocalName, x.i.LocalMeasure, x.r.Year, x.r.Target, x.r.Actual, x.r.Note))],
            events,
            CanEdit: ModelLifecycle.IsEditable(model.Status) && user.Can(Permission.ModelsEdit, model.Ref),
            CanReport: ModelLifecycle.TakesResults(model.Status) && user.Can(Permission.ModelsEdit, model.Ref),
            steps)
        {
            IsActiveUnit = unit.ValidTo is null,
        };
    }
}
