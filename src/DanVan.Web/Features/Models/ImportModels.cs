using System.Globalization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Imports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>
/// A commune's backlog of models from a spreadsheet: one model a row, at the unit of the row's code, with its field and
/// organization by name, the registration items and dates. A row with a registration date is registered on that date
/// (every item then required, as on the form); without one it is a draft. Every row goes through the form's own
/// checks (<see cref="ModelInput"/>'s rules, <see cref="ModelRules"/>); one problem anywhere and nothing is written.
/// A row already imported (same unit, same name) is skipped, so uploading the same file twice makes each model once.
/// </summary>
internal sealed class ImportModels(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public const string Purpose = "models";
    private const string UnitCode = "UnitCode";
    private const string RegisteredOn = "RegisteredOn";

    public static readonly ImportColumn[] Columns =
    [
        new(UnitCode, nameof(SharedResource.RecordImport_ColumnUnitCode), true, "ma_don_vi", "ma", "code", "unit_code"),
        new(nameof(ModelInput.Name), nameof(SharedResource.Field_ModelName), true, "ten_mo_hinh", "ten", "name"),
        new(nameof(ModelInput.FieldId), nameof(SharedResource.Field_ModelField), true, "linh_vuc", "field"),
        new(nameof(ModelInput.OrganizationId), nameof(SharedResource.Field_OwningOrganization), true, "organization"),
        new(nameof(ModelInput.Kind), nameof(SharedResource.Field_ModelKind), false, "loai", "kind"),
        new(nameof(ModelInput.Situation), nameof(SharedResource.Field_ModelSituation)),
        new(nameof(ModelInput.Goals), nameof(SharedResource.Field_ModelGoals)),
        new(nameof(ModelInput.Content), nameof(SharedResource.Field_ModelContent)),
        new(nameof(ModelInput.AreaAndBeneficiaries), nameof(SharedResource.Field_ModelArea)),
        new(nameof(ModelInput.Forces), nameof(SharedResource.Field_ModelForces)),
        new(nameof(ModelInput.Resources), nameof(SharedResource.Field_ModelResources)),
        new(nameof(ModelInput.Timeline), nameof(SharedResource.Field_ModelTimeline)),
        new(nameof(ModelInput.Outputs), nameof(SharedResource.Field_ModelOutputs)),
        new(nameof(ModelInput.Sustainability), nameof(SharedResource.Field_ModelSustainability)),
        new(nameof(ModelInput.TargetGroup), nameof(SharedResource.Field_TargetGroup)),
        new(nameof(ModelInput.StartDate), nameof(SharedResource.Field_StartDate), false, "start_date"),
        new(nameof(ModelInput.EvaluationDate), nameof(SharedResource.Field_EvaluationDate), false, "evaluation_date"),
        new(nameof(ModelInput.EndDate), nameof(SharedResource.Field_EndDate), false, "end_date"),
        new(nameof(ModelInput.Tags), nameof(SharedResource.Field_Tags), false, "tags"),
        new(RegisteredOn, nameof(SharedResource.RecordImport_ColumnRegisteredOn), false, "registered_on"),
    ];

    private static readonly string[] TextFields =
    [
        nameof(ModelInput.Situation),
        nameof(ModelInput.Goals),
        nameof(ModelInput.Content),
        nameof(ModelInput.AreaAndBeneficiaries),
        nameof(ModelInput.Forces),
        nameof(ModelInput.Resources),
        nameof(ModelInput.Timeline),
        nameof(ModelInput.Outputs),
        nameof(ModelInput.Sustainability),
        nameof(ModelInput.TargetGroup),
        nameof(ModelInput.Tags),
    ];

    /// <summary>A row as read, before its references are looked up.</summary>
    private sealed record Read(
        TabularRow Row,
        string? Code,
        ModelInput Input,
        string? Field,
        string? Organization,
        DateOnly? RegisteredOn
    );

    public Task<RecordImportResult> PreviewAsync(Stream content, string fileName, CancellationToken ct) =>
        RunAsync(content, fileName, commit: false, ct);

    public Task<RecordImportResult> CommitAsync(Stream content, string fileName, CancellationToken ct) =>
        RunAsync(content, fileName, commit: true, ct);

    /// <summary>The template: the columns in the caller's language and one example row at the caller's unit.</summary>
    public async Task<(string FileName, byte[] Content)> TemplateAsync(CancellationToken ct)
    {
        var unit = user.Active?.Unit is { } active
            ? await db.Units.Where(u => u.Id == active.Id).Select(u => new { u.Id, u.Code }).SingleOrDefaultAsync(ct)
            : null;
        var field = await db.ModelFields.Where(f => f.IsActive).OrderBy(f => f.SortOrder).FirstOrDefaultAsync(ct);
        var organization = unit is null
            ? null
            : await db
                .Organizations.Where(o => o.UnitId == unit.Id && o.IsActive)
                .OrderBy(o => o.Type)
                .Select(o => o.Name)
                .FirstOrDefaultAsync(ct);
        object?[] example =
        [
            unit?.Code,
            L["RecordImport_ExampleModelName"].Value,
            field?.LocalName,
            organization,
            L.Enum(ModelKind.Model),
        ];
        var content = await RecordImport.TemplateAsync(Columns, [example], "Mo hinh", ct);
        return ("mau-nhap-mo-hinh.xlsx", content);
    }

    private async Task<RecordImportResult> RunAsync(Stream content, string fileName, bool commit, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        if (RecordSheet.Open(content, fileName, Columns, problems) is not { } sheet)
        {
            return RecordImportResult.Failed(0, problems);
        }

        var rows = new List<Read>();
        foreach (var row in sheet.Rows)
        {
            if (rows.Count == RecordImport.MaxRows)
            {
                sheet.Problems.Add(
                    new ImportProblem(row.Number, null, L["RecordImport_TooManyRows", RecordImport.MaxRows])
                );
                return RecordImportResult.Failed(rows.Count, sheet.Problems);
            }

            var input = new ModelInput
            {
                Name = sheet.Text(row, nameof(ModelInput.Name)) ?? "",
                Kind = sheet.Choice<ModelKind>(row, nameof(ModelInput.Kind)) ?? ModelKind.Model,
                StartDate = sheet.Date(row, nameof(ModelInput.StartDate)),
                EvaluationDate = sheet.Date(row, nameof(ModelInput.EvaluationDate)),
                EndDate = sheet.Date(row, nameof(ModelInput.EndDate)),
            };
            foreach (var field in TextFields)
            {
                typeof(ModelInput).GetProperty(field)!.SetValue(input, sheet.Text(row, field));
            }

            rows.Add(
                new Read(
                    row,
                    sheet.Text(row, UnitCode),
                    input,
                    sheet.Text(row, nameof(ModelInput.FieldId)),
                    sheet.Text(row, nameof(ModelInput.OrganizationId)),
                    sheet.Date(row, RegisteredOn)
                )
            );
        }

        if (rows.Count == 0)
        {
            return RecordImportResult.Failed(0, [new ImportProblem(0, null, L["Import_Empty"])]);
        }

        // The references, each read once for the whole file.
        var units = await ImportLookups.UnitsByCodeAsync(db, rows.Select(r => r.Code), ct);
        var fields = await db.ModelFields.AsNoTracking().Where(f => f.IsActive).ToListAsync(ct);
        var unitIds = units.Values.Select(u => u.Id).Distinct().ToList();
        var organizations = await db
            .Organizations.AsNoTracking()
            .Where(o => unitIds.Contains(o.UnitId) && o.IsActive)
            .Select(o => new
            {
                o.Id,
                o.UnitId,
                o.Name,
                o.ShortName,
            })
            .ToListAsync(ct);

        var today = VietnamTime.Today(clock);
        var made = new List<(Read Read, MobilizationModel Model, string Key, string UnitName)>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var read in rows)
        {
            var row = read.Row;
            Unit? unit = null;
            if (read.Code is { } code)
            {
                unit = units.GetValueOrDefault(code);
                if (unit is null || !user.Can(Permission.ModelsView, unit.Ref))
                {
                    sheet.Problem(row, UnitCode, L["RecordImport_UnknownUnit", code]);
                    unit = null;
                }
                else if (!user.Can(Permission.ModelsEdit, unit.Ref))
                {
                    sheet.Problem(row, UnitCode, L["Models_CannotEdit", unit.Name]);
                    unit = null;
                }
                else if (!unit.IsActive)
                {
                    sheet.Problem(row, UnitCode, L["Units_RetiredReadOnly", unit.Name]);
                    unit = null;
                }
            }

            var input = read.Input;
            if (read.Field is { } fieldText)
            {
                var wanted = TextSearch.Normalize(fieldText);
                input.FieldId = fields
                    .FirstOrDefault(f =>
                        TextSearch.Normalize(f.Code) == wanted
                        || TextSearch.Normalize(f.Name) == wanted
                        || TextSearch.Normalize(f.NameEn) == wanted
                        || TextSearch.Normalize(f.NameDe) == wanted
                    )
                    ?.Id;
                if (input.FieldId is null)
                {
                    sheet.Problem(
                        row,
                        nameof(ModelInput.FieldId),
                        L["RecordImport_NotInCatalogue", fieldText, L["Field_ModelField"]]
                    );
                }
            }

            if (unit is not null && read.Organization is { } organizationText)
            {
                var wanted = TextSearch.Normalize(organizationText);
                input.OrganizationId = organizations
                    .FirstOrDefault(o =>
                        o.UnitId == unit.Id
                        && (
                            TextSearch.Normalize(o.Name) == wanted
                            || (o.ShortName is { } s && TextSearch.Normalize(s) == wanted)
                        )
                    )
                    ?.Id;
                if (input.OrganizationId is null)
                {
                    sheet.Problem(
                        row,
                        nameof(ModelInput.OrganizationId),
                        L["RecordImport_UnknownOrganization", organizationText, unit.Name]
                    );
                }
            }

            if (unit is null && read.Organization is not null)
            {
                // The organization is looked up in the row's unit; without a unit its cell is not the problem.
                input.OrganizationId = 0;
            }

            // The form's own checks, then the items a registration needs.
            var errors = RequestValidation.Validate(input);
            ModelRules.CheckDates(input, errors, L);
            var model = new MobilizationModel { CreatedAt = db.UtcNow };
            ModelRules.Apply(model, input);
            if (read.RegisteredOn is { } registered)
            {
                if (registered > today)
                {
                    errors.Add(RegisteredOn, L["RecordImport_DateInFuture"]);
                }

                ModelRules.AddMissing(errors, model, L);
            }

            if (errors.Any)
            {
                sheet.AddErrors(row, errors.ToError(L["Val_FixBelow"]));
            }

            if (unit is null || input.Name.Length == 0)
            {
                continue;
            }

            var key = RecordImport.RowKey("model", unit.Id, input.Name);
            if (firstRowOf.TryGetValue(key, out var first))
            {
                sheet.Problem(row, nameof(ModelInput.Name), L["RecordImport_DuplicateRow", first]);
                continue;
            }

            firstRowOf[key] = row.Number;
            ModelRules.PlaceIn(model, unit);
            if (read.RegisteredOn is { } on)
            {
                model.Status = ModelStatus.Registered;
                model.RegisteredOn = on;
            }

            made.Add((read, model, key, unit.Name));
        }

        if (sheet.Problems.Count > 0)
        {
            return RecordImportResult.Failed(rows.Count, sheet.Problems);
        }

        var imported = await ImportLookups.ImportedKeysAsync(db, made.Select(m => m.Key), ct);
        var fresh = made.Where(m => !imported.Contains(m.Key)).ToList();
        var sample = made.Take(RecordImport.SampleSize)
            .Select(m => new RecordImportLine(m.Read.Row.Number, m.Model.Name, m.UnitName, imported.Contains(m.Key)))
            .ToList();
        var result = new RecordImportResult(
            rows.Count,
            fresh.Count,
            made.Count - fresh.Count,
            [],
            sample,
            Committed: false
        );
        if (!commit || fresh.Count == 0)
        {
            return result with { Committed = commit };
        }

        // The models, their "registered" steps, the rows' keys and one line of the audit trail for the file: all or
        // nothing.
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        db.Models.AddRange(fresh.Select(m => m.Model));
        try
        {
            await db.SaveChangesAsync(ct);
            foreach (var (_, model, key, _) in fresh)
            {
                if (model.RegisteredOn is { } on)
                {
                    db.ModelEvents.Add(
                        TransitionModel.EventOf(
                            model,
                            ModelAction.Register,
                            ModelStatus.Draft,
                            on,
                            null,
                            user,
                            db.UtcNow
                        )
                    );
                }

                db.ProcessedRequests.Add(ImportLookups.Marker(db, key, nameof(MobilizationModel), model.Id));
            }

            db.Audit(
                AuditAction.RecordsImported,
                nameof(MobilizationModel),
                null,
                user.Active?.Unit,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"file={Path.GetFileName(fileName)}; rows={rows.Count}; created={fresh.Count}; skipped={made.Count - fresh.Count}"
                )
            );
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same rows imported meanwhile by another upload: nothing of this one is kept.
            db.ChangeTracker.Clear();
            return RecordImportResult.Failed(
                rows.Count,
                [new ImportProblem(0, null, L["RecordImport_ImportedMeanwhile"])]
            );
        }

        return result with
        {
            Committed = true,
        };
    }
}
