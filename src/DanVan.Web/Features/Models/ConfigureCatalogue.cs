using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>A new field of models or a new result indicator: its code and names, and for an indicator its
/// measure.</summary>
public sealed class CatalogueInput : ReferenceEntryInput
{
    /// <summary>For an indicator: its unit of measure in each language (Vietnamese, English, German).</summary>
    [MaxChars(50), PlainText]
    [Display(Name = nameof(SharedResource.Field_Measure), ResourceType = typeof(SharedResource))]
    public string? Measure { get; set; }

    [MaxChars(50), PlainText]
    public string? MeasureEn { get; set; }

    [MaxChars(50), PlainText]
    public string? MeasureDe { get; set; }

    public bool WholeNumbers { get; set; }
}

/// <summary>
/// The system administrators' configuration of the catalogues: add a field or an indicator, retire one
/// (kept for the models that use it, no longer offered). Codes are unique.
/// </summary>
internal sealed class ConfigureCatalogue(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> AddFieldAsync(CatalogueInput input, CancellationToken ct)
    {
        if (!user.Can(Permission.ModelsConfigure))
        {
            return new ForbiddenError(L["Models_CannotConfigure"]);
        }

        var errors = await CheckAsync(input, () => db.ModelFields.CodeTakenAsync(input.Code, null, ct));
        if (errors is not null)
        {
            return errors;
        }

        var field = new ModelField { SortOrder = await db.ModelFields.NextSortOrderAsync(ct) };
        field.Apply(input);
        db.ModelFields.Add(field);
        await db.SaveChangesAsync(ct);
        return field.Id;
    }

    public async Task<Result<int>> AddIndicatorAsync(CatalogueInput input, CancellationToken ct)
    {
        if (!user.Can(Permission.ModelsConfigure))
        {
            return new ForbiddenError(L["Models_CannotConfigure"]);
        }

        var errors = await CheckAsync(
            input,
            () => db.ResultIndicators.CodeTakenAsync(input.Code, null, ct),
            measures: true
        );
        if (errors is not null)
        {
            return errors;
        }

        var indicator = new ResultIndicator
        {
            Measure = input.Measure!,
            MeasureEn = input.MeasureEn!,
            MeasureDe = input.MeasureDe!,
            WholeNumbers = input.WholeNumbers,
            SortOrder = await db.ResultIndicators.NextSortOrderAsync(ct),
        };
        indicator.Apply(input);
        db.ResultIndicators.Add(indicator);
        await db.SaveChangesAsync(ct);
        return indicator.Id;
    }

    /// <summary>Offers or stops offering a field or indicator; models that use it keep it.</summary>
    public async Task<Result<int>> SetActiveAsync(bool indicator, int id, bool active, CancellationToken ct)
    {
        if (!user.Can(Permission.ModelsConfigure))
        {
            return new ForbiddenError(L["Models_CannotConfigure"]);
        }

        var changed = indicator
            ? await db
                .ResultIndicators.Where(i => i.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.IsActive, active), ct)
            : await db
                .ModelFields.Where(f => f.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.IsActive, active), ct);
        if (changed == 0)
        {
            return new NotFoundError(L["Problem_NotFound"]);
        }

        db.Audit(
            Infrastructure.Audit.AuditAction.Update,
            indicator ? nameof(ResultIndicator) : nameof(ModelField),
            id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            null,
            $"IsActive={active}"
        );
        await db.SaveChangesAsync(ct);
        return id;
    }

    private async Task<ValidationError?> CheckAsync(
        CatalogueInput input,
        Func<Task<bool>> codeTaken,
        bool measures = false
    )
    {
        var errors = RequestValidation.Validate(input);
        if (measures)
        {
            foreach (
                var (value, field) in new[]
                {
                    (input.Measure, nameof(CatalogueInput.Measure)),
                    (input.MeasureEn, nameof(CatalogueInput.MeasureEn)),
                    (input.MeasureDe, nameof(CatalogueInput.MeasureDe)),
                }
            )
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Add(field, L["Val_Required", L["Field_Measure"]]);
                }
            }
        }

        if (await codeTaken())
        {
            errors.Add(nameof(CatalogueInput.Code), L["Models_CodeTaken", input.Code]);
        }

        return errors.Any ? errors.ToError(L["Val_FixBelow"]) : null;
    }
}
