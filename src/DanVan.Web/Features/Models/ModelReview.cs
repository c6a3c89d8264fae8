using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>What a review decides for a model.</summary>
public enum ReviewClassification
{
    ReplicateWidely = 1,
    Maintain = 2,
    Consolidate = 3,
    Stop = 4,
}

/// <summary>
/// An annual review (sơ kết) or a multi-year review (tổng kết, e.g. 2021–2025) of a unit's models: each model
/// of the subtree gets a classification and a note. One review per unit and period.
/// </summary>
public sealed class ModelReview : IUnitStamped, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }
    public int FromYear { get; set; }
    public int ToYear { get; set; }
    public string? Conclusion { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
    public List<ModelReviewItem> Items { get; set; } = [];

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);

    public bool IsAnnual => FromYear == ToYear;
}

public sealed class ModelReviewItem
{
    public int Id { get; set; }
    public int ReviewId { get; set; }
    public int ModelId { get; set; }
    public ReviewClassification Classification { get; set; }
    public string? Note { get; set; }
}

public sealed class ReviewInput
{
    public int? UnitId { get; set; }

    [Range(
        2000,
        2100,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    [Display(Name = nameof(SharedResource.Field_FromYear), ResourceType = typeof(SharedResource))]
    public int FromYear { get; set; }

    [Range(
        2000,
        2100,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    [Display(Name = nameof(SharedResource.Field_ToYear), ResourceType = typeof(SharedResource))]
    public int ToYear { get; set; }

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Conclusion), ResourceType = typeof(SharedResource))]
    public string? Conclusion { get; set; }

    /// <summary>Model id → classification and note; models left out stay unclassified.</summary>
    public Dictionary<int, ReviewItemInput> Items { get; set; } = [];

    public int Version { get; set; }
}

public sealed record ReviewItemInput(ReviewClassification Classification, string? Note);

public sealed record ReviewRow(
    int Id,
    int UnitId,
    string UnitName,
    int FromYear,
    int ToYear,
    int Classified,
    DateTime CreatedAt
);

public sealed record ReviewModelRow(
    int ModelId,
    string Name,
    ModelKind Kind,
    ModelStatus Status,
    string UnitName,
    IReadOnlyDictionary<int, double> ActualInPeriod,
    ReviewClassification? Classification,
    string? Note
);

public sealed record ReviewDetail(
    ModelReview Review,
    string UnitName,
    IReadOnlyList<ReviewModelRow> Models,
    bool CanEdit
);

public sealed record ModelReviewMention(
    int ReviewId,
    string UnitName,
    int FromYear,
    int ToYear,
    ReviewClassification Classification,
    string? Note
);

/// <summary>Creates, reads and saves reviews; the reviewing unit's officers write them, everyone in scope reads
/// them.</summary>
internal sealed class ModelReviews(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> SaveAsync(int? id, ReviewInput input, CancellationToken ct)
    {
        ModelReview? review;
        if (id is { } reviewId)
        {
            review = await db.ModelReviews.Include(r => r.Items).SingleOrDefaultAsync(r => r.Id == reviewId, ct);
            if (review is null || !user.Can(Permission.ModelsView, review.Ref))
            {
                return new NotFoundError(L["Models_ReviewNotFound"]);
            }

            if (!user.Can(Permission.ModelsEdit, review.Ref))
            {
                return new ForbiddenError(L["Models_CannotReview"]);
            }

            db.Entry(review).Property(r => r.Version).OriginalValue = input.Version;
            // The items are saved with the review: the version moves even when only they change.
            db.Entry(review).Property(r => r.Version).IsModified = true;
        }
        else
        {
            var unit = input.UnitId is { } unitId
                ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct)
                : null;
            if (unit is null || !user.Can(Permission.ModelsView, unit.Ref))
            {
                return new NotFoundError(L["Units_NotFound"]);
            }

            if (!user.Can(Permission.ModelsEdit, unit.Ref))
            {
                return new ForbiddenError(L["Models_CannotReview"]);
            }

            var errors = RequestValidation.Validate(input);
            if (input.ToYear < input.FromYear || input.ToYear - input.FromYear > 9)
            {
                errors.Add(nameof(ReviewInput.ToYear), L["Models_ReviewPeriod"]);
            }
            else if (input.ToYear > VietnamTime.Today(clock).Year)
            {
                errors.Add(nameof(ReviewInput.ToYear), L["Models_YearTooFar"]);
            }

            if (
                !errors.Any
                && await db.ModelReviews.AnyAsync(
                    r => r.UnitId == unit.Id && r.FromYear == input.FromYear && r.ToYear == input.ToYear,
                    ct
                )
            )
            {
                errors.Add(nameof(ReviewInput.FromYear), L["Models_ReviewExists"]);
            }

            if (errors.Any)
            {
                return errors.ToError(L["Val_FixBelow"]);
            }

            review = new ModelReview
            {
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                UnitLevel = unit.Level,
                FromYear = input.FromYear,
                ToYear = input.ToYear,
                CreatedAt = db.UtcNow,
            };
            db.ModelReviews.Add(review);
        }

        var check = RequestValidation.Validate(
            new ReviewInput
            {
                FromYear = 2000,
                ToYear = 2000,
                Conclusion = input.Conclusion,
            }
        );
        var inReview = await ModelsOf(review).Select(m => m.Id).ToListAsync(ct);
        foreach (var (modelId, item) in input.Items)
        {
            if (!inReview.Contains(modelId) || !Enum.IsDefined(item.Classification))
            {
                check.Add($"Item{modelId}", L["Models_ReviewItemInvalid"]);
            }
            else if (
                item.Note is { Length: > 1000 }
                || (item.Note?.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ?? false)
            )
            {
                check.Add($"Note{modelId}", L["Val_MaxLength", L["Field_StepNote"], 1000]);
            }
        }

        if (check.Any)
        {
            return check.ToError(L["Val_FixBelow"]);
        }

        review.Conclusion = string.IsNullOrWhiteSpace(input.Conclusion) ? null : input.Conclusion;
        foreach (var (modelId, item) in input.Items)
        {
            var existing = review.Items.FirstOrDefault(i => i.ModelId == modelId);
            if (existing is null)
            {
                review.Items.Add(
                    new ModelReviewItem
                    {
                        ModelId = modelId,
                        Classification = item.Classification,
                        Note = string.IsNullOrWhiteSpace(item.Note) ? null : item.Note,
                    }
                );
            }
            else
            {
                existing.Classification = item.Classification;
                existing.Note = string.IsNullOrWhiteSpace(item.Note) ? null : item.Note;
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return review.Id;
    }

    /// <summary>The models a review covers: registered in the reviewing unit's subtree by the end of the period, not
    /// drafts.</summary>
    private IQueryable<MobilizationModel> ModelsOf(ModelReview review)
    {
        var end = new DateOnly(review.ToYear, 12, 31);
        return db
            .Models.AsNoTracking()
            .Where(
                UnitScope.Within<MobilizationModel>(
                    [(review.UnitLevel, review.UnitId)],
                    m => m.ProvinceId,
                    m => m.CommuneId,
                    m => m.VillageId
                )
            )
            .Where(m => m.RegisteredOn != null && m.RegisteredOn <= end);
    }

    public async Task<ReviewDetail?> GetAsync(int id, CancellationToken ct)
    {
        var review = await db
            .ModelReviews.AsNoTracking()
            .Include(r => r.Items)
            .Where(UnitScope.Rows<ModelReview>(user, Permission.ModelsView))
            .SingleOrDefaultAsync(r => r.Id == id, ct);
        if (review is null)
        {
            return null;
        }

        var unitName = await db.Units.Where(u => u.Id == review.UnitId).Select(u => u.Name).SingleAsync(ct);
        var models = await ModelsOf(review)
            .OrderBy(m => m.Name)
            .Take(2000)
            .Select(m => new
            {
                m.Id,
                m.Name,
                m.Kind,
                m.Status,
                UnitName = db.Units.Where(u => u.Id == m.UnitId).Select(u => u.Name).First(),
                Results = db
                    .ModelResults.Where(r =>
                        r.ModelId == m.Id
                        && r.ReplicationId == null
                        && r.Year >= review.FromYear
                        && r.Year <= review.ToYear
                    )
                    .Select(r => new { r.IndicatorId, r.Actual })
                    .ToList(),
            })
            .ToListAsync(ct);
        var items = review.Items.ToDictionary(i => i.ModelId);
        return new ReviewDetail(
            review,
            unitName,
            [
                .. models.Select(m => new ReviewModelRow(
                    m.Id,
                    m.Name,
                    m.Kind,
                    m.Status,
                    m.UnitName,
                    m.Results.GroupBy(r => r.IndicatorId).ToDictionary(g => g.Key, g => g.Sum(r => r.Actual ?? 0)),
                    items.GetValueOrDefault(m.Id)?.Classification,
                    items.GetValueOrDefault(m.Id)?.Note
                )),
            ],
            user.Can(Permission.ModelsEdit, review.Ref)
        );
    }

    public Task<List<ReviewRow>> ListAsync(CancellationToken ct) =>
        db
            .ModelReviews.AsNoTracking()
            .Where(UnitScope.Rows<ModelReview>(user, Permission.ModelsView))
            .OrderByDescending(r => r.ToYear)
            .ThenByDescending(r => r.Id)
            .Take(200)
            .Select(r => new ReviewRow(
                r.Id,
                r.UnitId,
                db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(),
                r.FromYear,
                r.ToYear,
                r.Items.Count,
                r.CreatedAt
            ))
            .ToListAsync(ct);
}
