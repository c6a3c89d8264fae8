using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>Whom a rubric evaluates: collectives (models and collective exemplars) or individuals.</summary>
public enum RubricTarget
{
    Collective = 1,
    Individual = 2,
}

/// <summary>
/// A version of an evaluation rubric: weighted criteria scored 0..MaxScore and a pass mark out of 100. A
/// version never changes once published; a change is a new version, and each evaluation keeps the one it used.
/// </summary>
public sealed class Rubric
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public int Version { get; set; }
    public RubricTarget Target { get; set; }
    public string Name { get; set; } = "";
    public double PassMark { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public List<RubricCriterion> Criteria { get; set; } = [];
}

public sealed class RubricCriterion
{
    public int Id { get; set; }
    public int RubricId { get; set; }
    public int Order { get; set; }
    public string Text { get; set; } = "";
    public string TextEn { get; set; } = "";
    public string TextDe { get; set; } = "";
    public double Weight { get; set; }
    public int MaxScore { get; set; }

    public string LocalText => Cultures.Pick(Text, TextEn, TextDe);
}

/// <summary>One evaluator's scoring of a model against one rubric version.</summary>
public sealed class ModelEvaluation : IUnitStamped
{
    public int Id { get; set; }
    public int ModelId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public int RubricId { get; set; }
    public int? EvaluatorId { get; set; }
    public string EvaluatorName { get; set; } = "";
    public DateTime At { get; set; }

    /// <summary>Weighted total out of 100.</summary>
    public double Total { get; set; }

    public bool Passed { get; set; }
    public string? Note { get; set; }
    public List<EvaluationScore> Scores { get; set; } = [];
}

public sealed class EvaluationScore
{
    public int Id { get; set; }
    public int EvaluationId { get; set; }
    public int CriterionId { get; set; }
    public int Score { get; set; }
}

public sealed class EvaluationInput
{
    /// <summary>Criterion id → score.</summary>
    public Dictionary<int, int> Scores { get; set; } = [];

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_StepNote), ResourceType = typeof(SharedResource))]
    public string? Note { get; set; }
}

public sealed record EvaluationRow(
    int Id,
    string EvaluatorName,
    DateTime At,
    string RubricName,
    int RubricVersion,
    double Total,
    double PassMark,
    bool Passed,
    string? Note
);

/// <summary>The rubric math, pure: weighted share of the maximum, out of 100.</summary>
public static class RubricMath
{
    public static double Total(IReadOnlyList<RubricCriterion> criteria, IReadOnlyDictionary<int, int> scores)
    {
        var weights = criteria.Sum(c => c.Weight);
        return weights <= 0
            ? 0
            : Math.Round(criteria.Sum(c => c.Weight * scores.GetValueOrDefault(c.Id) / c.MaxScore) / weights * 100, 1);
    }

    public static RubricTarget TargetOf(ModelKind kind) =>
        kind == ModelKind.IndividualExemplar ? RubricTarget.Individual : RubricTarget.Collective;

    /// <summary>The default rubrics (DOMAIN.md §2): five criteria each, equal weights, scored 0–10, pass mark
    /// 70.</summary>
    public static readonly (
        RubricTarget Target,
        string Name,
        (string Vi, string En, string De)[] Criteria
    )[] Defaults =
    [
        (
            RubricTarget.Collective,
            "Tiêu chí công nhận mô hình, điển hình tập thể",
            [
                (
                    "Cách làm sáng tạo, tiết kiệm thời gian, chi phí",
                    "Creative, saves time and cost",
                    "Kreativ, spart Zeit und Kosten"
                ),
                (
                    "Người đứng đầu gương mẫu, vận động nhân dân tự nguyện chấp hành pháp luật",
                    "Leaders set the example and mobilize voluntary compliance with the law",
                    "Die Leitung geht voran und mobilisiert freiwillige Gesetzestreue"
                ),
                ("Huy động được nhiều lực lượng tham gia", "Mobilizes many forces", "Mobilisiert viele Kräfte"),
                (
                    "Hài hòa lợi ích tập thể, cá nhân và xã hội",
                    "Harmonizes collective, individual and social interests",
                    "Bringt kollektive, individuelle und gesellschaftliche Interessen in Einklang"
                ),
                ("Bền vững, có khả năng nhân rộng", "Sustainable and replicable", "Nachhaltig und übertragbar"),
            ]
        ),
        (
            RubricTarget.Individual,
            "Tiêu chí công nhận điển hình cá nhân",
            [
                (
                    "Gương mẫu bản thân và gia đình",
                    "Exemplary self and family",
                    "Vorbildlich in eigener Person und Familie"
                ),
                ("Có ý kiến tham mưu hay", "Gives good advice", "Gibt gute Ratschläge"),
                (
                    "Đề xuất giải pháp giải quyết vướng mắc tồn đọng",
                    "Proposes solutions to long-standing grievances",
                    "Schlägt Lösungen für lang bestehende Beschwerden vor"
                ),
                (
                    "Tận tụy phục vụ nhân dân",
                    "Serves the people wholeheartedly",
                    "Dient den Menschen mit ganzem Herzen"
                ),
                ("Hoàn thành tốt nhiệm vụ", "Completes the tasks well", "Erfüllt die Aufgaben gut"),
            ]
        ),
    ];

    public static async Task EnsureDefaultsAsync(DanVanDbContext db, CancellationToken ct)
    {
        foreach (var (target, name, criteria) in Defaults)
        {
            var code = target == RubricTarget.Collective ? "collective" : "individual";
            if (await db.Rubrics.AnyAsync(r => r.Code == code, ct))
            {
                continue;
            }

            db.Rubrics.Add(
                new Rubric
                {
                    Code = code,
                    Version = 1,
                    Target = target,
                    Name = name,
                    PassMark = 70,
                    CreatedAt = db.UtcNow,
                    Criteria =
                    [
                        .. criteria.Select(
                            (c, i) =>
                                new RubricCriterion
                                {
                                    Order = i + 1,
                                    Text = c.Vi,
                                    TextEn = c.En,
                                    TextDe = c.De,
                                    Weight = 20,
                                    MaxScore = 10,
                                }
                        ),
                    ],
                }
            );
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>
/// Scores a model against the current rubric for its kind. The commission one level up or a leader at or
/// above the model's unit evaluates, once the model is implementing or inspected; several evaluators may each
/// record one evaluation. The rubric version used is kept with the evaluation.
/// </summary>
internal sealed class EvaluateModel(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public static bool MayEvaluate(ICurrentUser user, MobilizationModel model) =>
        model.Status is ModelStatus.Implementing or ModelStatus.Inspected
        && (
            user.Can(Permission.ModelsInspect, model.InspectingScope) || user.Can(Permission.ModelsRecognize, model.Ref)
        );

    public async Task<Rubric?> RubricForAsync(ModelKind kind, CancellationToken ct)
    {
        var target = RubricMath.TargetOf(kind);
        return await db
            .Rubrics.AsNoTracking()
            .Include(r => r.Criteria.OrderBy(c => c.Order))
            .Where(r => r.Target == target && r.IsActive)
            .OrderByDescending(r => r.Version)
            .ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
    }

    public async Task<Result<int>> HandleAsync(int modelId, EvaluationInput input, CancellationToken ct)
    {
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, ct);
        if (model is null || !user.Can(Permission.ModelsView, model.Ref))
        {
            return new NotFoundError(L["Models_NotFound"]);
        }

        if (
            !user.Can(Permission.ModelsInspect, model.InspectingScope)
            && !user.Can(Permission.ModelsRecognize, model.Ref)
        )
        {
            return new ForbiddenError(L["Models_CannotEvaluate"]);
        }

        if (!MayEvaluate(user, model))
        {
            return new ConflictError(L["Models_NotEvaluable", L.Enum(model.Status)]);
        }

        var rubric = await RubricForAsync(model.Kind, ct);
        if (rubric is null)
        {
            return new ConflictError(L["Models_NoRubric"]);
        }

        var errors = RequestValidation.Validate(input);
        foreach (var criterion in rubric.Criteria)
        {
            if (!input.Scores.TryGetValue(criterion.Id, out var score) || score < 0 || score > criterion.MaxScore)
            {
                errors.Add($"Score{criterion.Id}", L["Val_Range", criterion.LocalText, 0, criterion.MaxScore]);
            }
        }

        if (input.Scores.Keys.Except(rubric.Criteria.Select(c => c.Id)).Any())
        {
            errors.Add("", L["Models_UnknownCriterion"]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var total = RubricMath.Total(rubric.Criteria, input.Scores);
        var evaluation = new ModelEvaluation
        {
            ModelId = model.Id,
            RubricId = rubric.Id,
            EvaluatorId = user.AccountId,
            EvaluatorName = AuditRecorder.ActorName(user),
            At = db.UtcNow,
            Total = total,
            Passed = total >= rubric.PassMark,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note,
            Scores =
            [
                .. rubric.Criteria.Select(c => new EvaluationScore { CriterionId = c.Id, Score = input.Scores[c.Id] }),
            ],
        };
        model.Stamp(evaluation);
        db.ModelEvaluations.Add(evaluation);
        await db.SaveChangesAsync(ct);
        return evaluation.Id;
    }
}
