using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>Target and actual value of one indicator for one year.</summary>
public sealed class ModelResultInput
{
    [Required(
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Choose)
    )]
    [Display(Name = nameof(SharedResource.Field_Indicator), ResourceType = typeof(SharedResource))]
    public int? IndicatorId { get; set; }

    [Range(
        2000,
        2100,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    [Display(Name = nameof(SharedResource.Field_Year), ResourceType = typeof(SharedResource))]
    public int Year { get; set; }

    [Range(
        0,
        1e15,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    [Display(Name = nameof(SharedResource.Field_Target), ResourceType = typeof(SharedResource))]
    public double? Target { get; set; }

    [Range(
        0,
        1e15,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    [Display(Name = nameof(SharedResource.Field_Actual), ResourceType = typeof(SharedResource))]
    public double? Actual { get; set; }

    [MaxChars(500), PlainText]
    [Display(Name = nameof(SharedResource.Field_ResultNote), ResourceType = typeof(SharedResource))]
    public string? Note { get; set; }

    /// <summary>
    /// The version of the indicator's row for the year the caller saw (0: none yet); when given, a row someone else
    /// wrote or changed since is a conflict, not overwritten. Without it the value is recorded over whatever is there
    /// (the form that records a value for a chosen indicator and year, which saw no row).
    /// </summary>
    public int? Version { get; set; }
}

/// <summary>
/// Records (or corrects) the target and actual value of an indicator of a model for a year. The model's
/// own unit reports, from registration until it is withdrawn; one row per model, indicator and year.
/// </summary>
internal sealed class RecordModelResult(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int modelId, ModelResultInput input, CancellationToken ct)
    {
        var foundModel = await db
            .Models.AsNoTracking()
            .Where(m => m.Id == modelId)
            .LoadScopedAsync(
                user,
                Permission.ModelsView,
                Permission.ModelsEdit,
                L["Models_NotFound"],
                model => L["Models_CannotEdit", model.Name],
                ct
            );
        if (!foundModel.IsOk)
        {
            return foundModel.Error;
        }

        var model = foundModel.Value;

        if (!ModelLifecycle.TakesResults(model.Status))
        {
            return new ConflictError(L["Models_NoResultsInStatus", L.Enum(model.Status)]);
        }

        return await RecordAsync(model.Id, null, model.Stamp, input, ct);
    }

    /// <summary>The same for a replication's own results, reported by the adopting unit.</summary>
    public async Task<Result<int>> ForReplicationAsync(int replicationId, ModelResultInput input, CancellationToken ct)
    {
        var foundReplication = await db
            .ModelReplications.AsNoTracking()
            .Where(r => r.Id == replicationId)
            .LoadScopedAsync(
                user,
                Permission.ModelsView,
                Permission.ModelsEdit,
                L["Models_ReplicationNotFound"],
                replication => L["Models_CannotEditReplication"],
                ct
            );
        if (!foundReplication.IsOk)
        {
            return foundReplication.Error;
        }

        var replication = foundReplication.Value;

        return await RecordAsync(replication.SourceModelId, replication.Id, replication.Stamp, input, ct);
    }

    private async Task<Result<int>> RecordAsync(
        int modelId,
        int? replicationId,
        Action<IUnitStamped> stamp,
        ModelResultInput input,
        CancellationToken ct
    )
    {
        var errors = RequestValidation.Validate(input);
        var indicator = input.IndicatorId is { } indicatorId
            ? await db.ResultIndicators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == indicatorId && i.IsActive, ct)
            : null;
        if (input.IndicatorId is not null && indicator is null)
        {
            errors.Add(nameof(ModelResultInput.IndicatorId), L["Val_Choose", L["Field_Indicator"]]);
        }

        if (input.Target is null && input.Actual is null)
        {
            errors.Add(nameof(ModelResultInput.Actual), L["Models_ResultEmpty"]);
        }

        if (indicator is { WholeNumbers: true })
        {
            foreach (
                var (value, field) in new[]
                {
                    (input.Target, nameof(ModelResultInput.Target)),
                    (input.Actual, nameof(ModelResultInput.Actual)),
                }
            )
            {
                if (value is { } v && v != Math.Floor(v))
                {
                    errors.Add(field, L["Models_WholeNumber", indicator.LocalMeasure]);
                }
            }
        }

        if (input.Year > VietnamTime.Today(clock).Year + 5)
        {
            errors.Add(nameof(ModelResultInput.Year), L["Models_YearTooFar"]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var row = await db.ModelResults.SingleOrDefaultAsync(
            r =>
                r.ModelId == modelId
                && r.ReplicationId == replicationId
                && r.IndicatorId == input.IndicatorId
                && r.Year == input.Year,
            ct
        );
        if (input.Version is { } seen && seen != (row?.Version ?? 0))
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        if (row is null)
        {
            row = new ModelResult
            {
                ModelId = modelId,
                ReplicationId = replicationId,
                IndicatorId = input.IndicatorId!.Value,
                Year = input.Year,
            };
            stamp(row);
            db.ModelResults.Add(row);
        }

        if (input.Version is { } version && row.Id != 0)
        {
            // Between this read and the save, another save of the row is a conflict too.
            db.Entry(row).Property(r => r.Version).OriginalValue = version;
        }

        row.Target = input.Target;
        row.Actual = input.Actual;
        row.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }
        catch (DbUpdateException e) when (row.Id == 0 && DbErrors.IsUniqueViolation(e))
        {
            // The same cell saved at the same moment by someone else: theirs is there, say so.
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return row.Id;
    }
}

/// <summary>Removes a result row entered by mistake (of the model, or of one of its replications).</summary>
internal sealed class DeleteModelResult(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int modelId, int resultId, CancellationToken ct)
    {
        var foundRow = await db
            .ModelResults.Where(r => r.Id == resultId && r.ModelId == modelId)
            .LoadScopedAsync(
                user,
                Permission.ModelsView,
                Permission.ModelsEdit,
                L["Models_NotFound"],
                row => L["Models_CannotEditResults"],
                ct
            );
        if (!foundRow.IsOk)
        {
            return foundRow.Error;
        }

        var row = foundRow.Value;

        if (
            row.ReplicationId is null
            && await db.Models.Where(m => m.Id == modelId).Select(m => m.Status).SingleAsync(ct) is var status
            && !ModelLifecycle.TakesResults(status)
        )
        {
            return new ConflictError(L["Models_NoResultsInStatus", L.Enum(status)]);
        }

        db.ModelResults.Remove(row);
        await db.SaveChangesAsync(ct);
        return resultId;
    }
}
