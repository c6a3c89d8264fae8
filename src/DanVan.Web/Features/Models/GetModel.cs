using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Models;

public sealed record ModelResultRow(
    int Id,
    int IndicatorId,
    string Indicator,
    string Measure,
    int Year,
    double? Target,
    double? Actual,
    string? Note,
    int Version
);

public sealed record ModelEventRow(
    long Id,
    ModelAction Action,
    ModelStatus From,
    ModelStatus To,
    DateTime At,
    DateOnly? On,
    string ActorName,
    string? Note
);

/// <summary>A unit named on a model's page.</summary>
public sealed record UnitBrief(
    int Id,
    string Code,
    string Name,
    UnitKind Kind,
    UnitLevel Level,
    DateOnly? ValidTo,
    int? ProvinceId,
    int? CommuneId,
    int? VillageId
)
{
    public UnitRef Ref => new(Id, Level, ProvinceId, CommuneId, VillageId);
}

/// <summary>Where a model was replicated: the adopting unit with its province and commune, status and result
/// totals.</summary>
public sealed record ReplicationRow(
    int Id,
    int UnitId,
    string UnitName,
    string? ProvinceName,
    string? CommuneName,
    ReplicationStatus Status,
    DateOnly StartDate,
    bool CanView,
    IReadOnlyDictionary<int, double> ActualByIndicator
);

/// <summary>A model with everything its page shows, and what the caller may do with it.</summary>
public sealed record ModelDetail(
    MobilizationModel Model,
    string UnitName,
    string OrganizationName,
    string FieldName,
    IReadOnlyList<UnitLink> Ancestors,
    IReadOnlyList<ModelResultRow> Results,
    IReadOnlyList<ModelEventRow> Events,
    bool CanEdit,
    bool CanReport,
    IReadOnlyList<ModelAction> Steps
)
{
    public bool IsActiveUnit { get; init; } = true;

    public IReadOnlyList<ReplicationRow> Replications { get; init; } = [];

    public IReadOnlyList<AttachmentRow> Attachments { get; init; } = [];

    public IReadOnlyList<EvaluationRow> Evaluations { get; init; } = [];

    public IReadOnlyList<ModelReviewMention> Reviews { get; init; } = [];

    /// <summary>The mean of the evaluators' totals, if any evaluated.</summary>
    public double? AverageScore => Evaluations.Count == 0 ? null : Math.Round(Evaluations.Average(e => e.Total), 1);

    /// <summary>The model's own actual values added up per indicator, for the comparison with its
    /// replications.</summary>
    public IReadOnlyDictionary<int, double> ActualByIndicator =>
        Results.GroupBy(r => r.IndicatorId).ToDictionary(g => g.Key, g => g.Sum(r => r.Actual ?? 0));
}

/// <summary>One model inside the caller's subtrees, with its results, history, replications and evaluations. Three
/// statements, five with the evaluations and reviews.</summary>
internal sealed class GetModel(DanVanDbContext db, ICurrentUser user)
{
    /// <param name="full">Also the evaluations and what reviews said (two more statements; the page shows them, the API
    /// serves them apart).</param>
    public async Task<ModelDetail?> HandleAsync(int id, CancellationToken ct, bool full = true)
    {
        // The model, its unit and ancestors (single-row joins), organization, field and its small collections.
        var found = await (
            from m in db
                .Models.AsNoTracking()
                .Where(UnitScope.Rows<MobilizationModel>(user, Permission.ModelsView))
                .Where(m => m.Id == id)
            join u in db.Units on m.UnitId equals u.Id
            join p in db.Units on m.ProvinceId equals (int?)p.Id into provinces
            from p in provinces.DefaultIfEmpty()
            join c in db.Units on m.CommuneId equals (int?)c.Id into communes
            from c in communes.DefaultIfEmpty()
            select new
            {
                Model = m,
                Unit = new UnitBrief(
                    u.Id,
                    u.Code,
                    u.Name,
                    u.Kind,
                    u.Level,
                    u.ValidTo,
                    u.ProvinceId,
                    u.CommuneId,
                    u.VillageId
                ),
                Province = p == null
                    ? null
                    : new UnitBrief(
                        p.Id,
                        p.Code,
                        p.Name,
                        p.Kind,
                        p.Level,
                        p.ValidTo,
                        p.ProvinceId,
                        p.CommuneId,
                        p.VillageId
                    ),
                Commune = c == null
                    ? null
                    : new UnitBrief(
                        c.Id,
                        c.Code,
                        c.Name,
                        c.Kind,
                        c.Level,
                        c.ValidTo,
                        c.ProvinceId,
                        c.CommuneId,
                        c.VillageId
                    ),
                Organization = db.Organizations.Where(o => o.Id == m.OrganizationId).Select(o => o.Name).Single(),
                Field = db.ModelFields.Single(f => f.Id == m.FieldId),
                Results = db
                    .ModelResults.Where(r => r.ModelId == m.Id && r.ReplicationId == null)
                    .Join(db.ResultIndicators, r => r.IndicatorId, i => i.Id, (r, i) => new { r, i })
                    .OrderBy(x => x.i.SortOrder)
                    .ThenBy(x => x.r.Year)
                    .ToList(),
                Events = db
                    .ModelEvents.Where(e => e.ModelId == m.Id)
                    .OrderBy(e => e.Id)
                    .Select(e => new ModelEventRow(e.Id, e.Action, e.From, e.To, e.At, e.On, e.ActorName, e.Note))
                    .ToList(),
                Attachments = db
                    .CaseDocuments.Where(a => a.ModelId == m.Id)
                    .OrderBy(a => a.Id)
                    .Select(a => new AttachmentRow(a.Id, a.FileName, a.Type, a.Size, a.Caption, a.CreatedAt))
                    .ToList(),
            }
        ).SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var model = found.Model;
        var unit = found.Unit;
        var ancestors = new[] { found.Province, found.Commune, unit }
            .OfType<UnitBrief>()
            .DistinctBy(u => u.Id)
            .OrderBy(u => u.Level)
            .Select(u => new UnitLink(u.Id, u.Code, u.Name, u.Kind, user.Can(Permission.UnitsView, u.Ref)))
            .ToList();

        var results = found.Results;
        var events = found.Events;
        var replications = await ReplicationsAsync(id, ct);
        var evaluations = full ? await EvaluationsAsync(id, ct) : [];
        var reviews = full ? await ReviewsAsync(id, ct) : [];

        var steps = ModelLifecycle
            .From(model.Status)
            .Where(s => ModelLifecycle.MayOffer(user, model, s))
            .Select(s => s.Action)
            .ToList();
        return new ModelDetail(
            model,
            unit.Name,
            found.Organization,
            found.Field.LocalName,
            ancestors,
            [
                .. results.Select(x => new ModelResultRow(
                    x.r.Id,
                    x.i.Id,
                    x.i.LocalName,
                    x.i.LocalMeasure,
                    x.r.Year,
                    x.r.Target,
                    x.r.Actual,
                    x.r.Note,
                    x.r.Version
                )),
            ],
            events,
            CanEdit: ModelLifecycle.IsEditable(model.Status) && user.Can(Permission.ModelsEdit, model.Ref),
            CanReport: ModelLifecycle.TakesResults(model.Status) && user.Can(Permission.ModelsEdit, model.Ref),
            steps
        )
        {
            IsActiveUnit = unit.ValidTo is null,
            Replications = replications,
            Attachments = found.Attachments,
            Evaluations = evaluations,
            Reviews = reviews,
        };
    }

    /// <summary>What the reviews said of the model, newest period first (one statement).</summary>
    public Task<List<ModelReviewMention>> ReviewsAsync(int modelId, CancellationToken ct) =>
        db
            .ModelReviewItems.AsNoTracking()
            .Where(i => i.ModelId == modelId)
            .Join(db.ModelReviews, i => i.ReviewId, r => r.Id, (i, r) => new { i, r })
            .OrderByDescending(x => x.r.ToYear)
            .Select(x => new ModelReviewMention(
                x.r.Id,
                db.Units.Where(u => u.Id == x.r.UnitId).Select(u => u.Name).First(),
                x.r.FromYear,
                x.r.ToYear,
                x.i.Classification,
                x.i.Note
            ))
            .ToListAsync(ct);

    /// <summary>The model's evaluations with the rubric version each used (one statement).</summary>
    public Task<List<EvaluationRow>> EvaluationsAsync(int modelId, CancellationToken ct) =>
        db
            .ModelEvaluations.AsNoTracking()
            .Where(e => e.ModelId == modelId)
            .OrderBy(e => e.Id)
            .Join(
                db.Rubrics,
                e => e.RubricId,
                r => r.Id,
                (e, r) =>
                    new EvaluationRow(
                        e.Id,
                        e.EvaluatorName,
                        e.At,
                        r.Name,
                        r.Version,
                        e.Total,
                        r.PassMark,
                        e.Passed,
                        e.Note
                    )
            )
            .ToListAsync(ct);

    /// <summary>The model's replications with the names of their units and their actual values (one
    /// statement).</summary>
    public async Task<IReadOnlyList<ReplicationRow>> ReplicationsAsync(int modelId, CancellationToken ct)
    {
        var rows = await db
            .ModelReplications.AsNoTracking()
            .Where(r => r.SourceModelId == modelId)
            .OrderBy(r => r.StartDate)
            .ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.UnitId,
                r.Status,
                r.StartDate,
                Ref = new UnitRef(r.UnitId, r.UnitLevel, r.ProvinceId, r.CommuneId, r.VillageId),
                UnitName = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(),
                ProvinceName = db.Units.Where(u => u.Id == r.ProvinceId).Select(u => u.Name).FirstOrDefault(),
                CommuneName = db.Units.Where(u => u.Id == r.CommuneId).Select(u => u.Name).FirstOrDefault(),
                Results = db
                    .ModelResults.Where(x => x.ReplicationId == r.Id)
                    .Select(x => new { x.IndicatorId, x.Actual })
                    .ToList(),
            })
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r => new ReplicationRow(
                r.Id,
                r.UnitId,
                r.UnitName,
                r.ProvinceName,
                r.CommuneName,
                r.Status,
                r.StartDate,
                user.Can(Permission.ModelsView, r.Ref),
                r.Results.GroupBy(x => x.IndicatorId).ToDictionary(g => g.Key, g => g.Sum(x => x.Actual ?? 0))
            )),
        ];
    }
}
