using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

public sealed class RubricCriterionInput
{
    [RequiredField, MaxChars(500), PlainText]
    public string Text { get; set; } = "";

    [MaxChars(500), PlainText]
    public string? TextEn { get; set; }

    [MaxChars(500), PlainText]
    public string? TextDe { get; set; }

    [Range(
        0.01,
        1000,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    public double Weight { get; set; } = 1;

    [Range(
        1,
        100,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    public int MaxScore { get; set; } = 10;
}

/// <summary>A new version of a rubric: its criteria, weights and pass mark.</summary>
public sealed class RubricInput
{
    [DefinedValue]
    public RubricTarget Target { get; set; } = RubricTarget.Collective;

    [RequiredField, MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_Name), ResourceType = typeof(SharedResource))]
    public string Name { get; set; } = "";

    [Range(
        0,
        100,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    [Display(Name = nameof(SharedResource.Field_PassMark), ResourceType = typeof(SharedResource))]
    public double PassMark { get; set; } = 70;

    public List<RubricCriterionInput> Criteria { get; set; } = [];
}

/// <summary>
/// Publishes the next version of the collective or individual rubric. Earlier versions stay, inactive, with
/// the evaluations made against them; new evaluations use the new one.
/// </summary>
internal sealed class PublishRubric(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(RubricInput input, CancellationToken ct)
    {
        if (!user.Can(Permission.ModelsConfigure))
        {
            return new ForbiddenError(L["Models_CannotConfigure"]);
        }

        var errors = RequestValidation.Validate(input);
        if (input.Criteria.Count is 0 or > 30)
        {
            errors.Add(nameof(RubricInput.Criteria), L["Models_RubricCriteriaCount"]);
        }

        for (var i = 0; i < input.Criteria.Count; i++)
        {
            foreach (var (field, messages) in RequestValidation.Validate(input.Criteria[i]).ToError("").Fields)
            {
                foreach (var message in messages)
                {
                    errors.Add($"Criteria[{i}].{field}", message);
                }
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var code = input.Target == RubricTarget.Collective ? "collective" : "individual";
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        var version = (await db.Rubrics.Where(r => r.Code == code).MaxAsync(r => (int?)r.Version, ct) ?? 0) + 1;
        await db
            .Rubrics.Where(r => r.Code == code && r.IsActive)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.IsActive, false), ct);
        var rubric = new Rubric
        {
            Code = code,
            Version = version,
            Target = input.Target,
            Name = input.Name,
            PassMark = input.PassMark,
            CreatedAt = db.UtcNow,
            Criteria =
            [
                .. input.Criteria.Select(
                    (c, i) =>
                        new RubricCriterion
                        {
                            Order = i + 1,
                            Text = c.Text,
                            TextEn = string.IsNullOrWhiteSpace(c.TextEn) ? c.Text : c.TextEn,
                            TextDe = string.IsNullOrWhiteSpace(c.TextDe) ? c.Text : c.TextDe,
                            Weight = c.Weight,
                            MaxScore = c.MaxScore,
                        }
                ),
            ],
        };
        db.Rubrics.Add(rubric);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        return rubric.Id;
    }
}
