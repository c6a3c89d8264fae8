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

namespace DanVan.Web.Features.Petitions;

/// <summary>
/// Petitions a reception office received in bulk, from a spreadsheet: one petition a row, at the commune or village of
/// the row's code and handled by its commune (as on the form without a dialogue). Every row goes through the form's
/// own checks (<see cref="RecordPetition.CheckItems"/>) and the recorder's rights over the handling unit; one problem
/// anywhere and nothing is written. A row already imported (same handling unit, date, subject and content) is skipped,
/// so uploading the same file twice records each petition once. Each petition gets its tracking code; its receipt (a
/// fresh verdict PIN) is issued from the petition's page when the citizen is given it. Problems never repeat a
/// petitioner's data.
/// </summary>
internal sealed class ImportPetitions(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public const string Purpose = "petitions";
    private const string LocationCode = "LocationCode";

    public static readonly ImportColumn[] Columns =
    [
        new(LocationCode, nameof(SharedResource.RecordImport_ColumnLocationCode), true, "ma_dia_ban", "ma", "code"),
        new(
            nameof(PetitionInput.ReceivedOn),
            nameof(SharedResource.Field_ReceivedOn),
            true,
            "ngay_nhan",
            "received_on"
        ),
        new(nameof(PetitionInput.Channel), nameof(SharedResource.Field_PetitionChannel), true, "kenh", "channel"),
        new(nameof(PetitionInput.CategoryId), nameof(SharedResource.Field_PetitionCategory), true, "category"),
        new(nameof(PetitionInput.Title), nameof(SharedResource.Field_PetitionTitle), true, "tieu_de", "title"),
        new(nameof(PetitionInput.Content), nameof(SharedResource.Field_PetitionContent), true, "noi_dung", "content"),
        new(nameof(PetitionInput.PetitionerKind), nameof(SharedResource.Field_PetitionerKind), true, "petitioner_kind"),
        new(nameof(PetitionInput.PetitionerName), nameof(SharedResource.Field_PetitionerName), false, "ho_ten"),
        new(nameof(PetitionInput.PetitionerPhone), nameof(SharedResource.Field_PetitionerPhone), false, "dien_thoai"),
        new(nameof(PetitionInput.PetitionerAddress), nameof(SharedResource.Field_PetitionerAddress), false, "dia_chi"),
        new(nameof(PetitionInput.PetitionerIdNumber), nameof(SharedResource.Field_PetitionerIdNumber), false, "cccd"),
    ];

    private sealed record Read(TabularRow Row, string? Code, string? Category, PetitionInput Input);

    public Task<RecordImportResult> PreviewAsync(Stream content, string fileName, CancellationToken ct) =>
        RunAsync(content, fileName, commit: false, ct);

    public Task<RecordImportResult> CommitAsync(Stream content, string fileName, CancellationToken ct) =>
        RunAsync(content, fileName, commit: true, ct);

    /// <summary>The template: the columns in the caller's language and one example row at the caller's unit.</summary>
    public async Task<(string FileName, byte[] Content)> TemplateAsync(CancellationToken ct)
    {
        var code = user.Active?.Unit is { } active
            ? await db.Units.Where(u => u.Id == active.Id).Select(u => u.Code).SingleOrDefaultAsync(ct)
            : null;
        var category = await db
            .PetitionCategories.Where(c => c.IsActive)
            .OrderBy(c => c.SortOrder)
            .FirstOrDefaultAsync(ct);
        object?[] example =
        [
            code,
            VietnamTime.Today(clock).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            L.Enum(PetitionChannel.Reception),
            category?.LocalName,
            L["RecordImport_ExamplePetitionTitle"].Value,
            L["RecordImport_ExamplePetitionContent"].Value,
            L.Enum(PetitionerKind.Citizen),
        ];
        var content = await RecordImport.TemplateAsync(Columns, [example], "Kien nghi", ct);
        return ("mau-nhap-kien-nghi.xlsx", content);
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

            var input = new PetitionInput
            {
                ReceivedOn = sheet.Date(row, nameof(PetitionInput.ReceivedOn)),
                Channel = sheet.Choice<PetitionChannel>(row, nameof(PetitionInput.Channel)),
                Title = sheet.Text(row, nameof(PetitionInput.Title)),
                Content = sheet.Text(row, nameof(PetitionInput.Content)),
                PetitionerKind = sheet.Choice<PetitionerKind>(row, nameof(PetitionInput.PetitionerKind)),
                PetitionerName = sheet.Text(row, nameof(PetitionInput.PetitionerName)),
                PetitionerPhone = sheet.Text(row, nameof(PetitionInput.PetitionerPhone)),
                PetitionerAddress = sheet.Text(row, nameof(PetitionInput.PetitionerAddress)),
                PetitionerIdNumber = sheet.Text(row, nameof(PetitionInput.PetitionerIdNumber)),
            };
            rows.Add(
                new Read(row, sheet.Text(row, LocationCode), sheet.Text(row, nameof(PetitionInput.CategoryId)), input)
            );
        }

        if (rows.Count == 0)
        {
            return RecordImportResult.Failed(0, [new ImportProblem(0, null, L["Import_Empty"])]);
        }

        // The references, each read once for the whole file: the locations by code, their handling communes, the
        // categories.
        var locations = await ImportLookups.UnitsByCodeAsync(db, rows.Select(r => r.Code), ct);
        var handlingIds = locations.Values.Select(HandlingUnitOf).Distinct().ToList();
        var handlers = new Dictionary<int, Unit>();
        foreach (var chunk in handlingIds.Chunk(2000))
        {
            foreach (var unit in await db.Units.AsNoTracking().Where(u => chunk.Contains(u.Id)).ToListAsync(ct))
            {
                handlers[unit.Id] = unit;
            }
        }

        var categories = await db.PetitionCategories.AsNoTracking().Where(c => c.IsActive).ToListAsync(ct);
        var today = VietnamTime.Today(clock);
        var made = new List<(Read Read, Unit Location, Unit Handling, string Key)>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var read in rows)
        {
            var row = read.Row;
            var input = read.Input;
            Unit? location = null,
                handling = null;
            if (read.Code is { } code)
            {
                location = locations.GetValueOrDefault(code);
                handling = location is null ? null : handlers.GetValueOrDefault(HandlingUnitOf(location));
                if (location is null || handling is null || !user.Can(Permission.UnitsView, location.Ref))
                {
                    sheet.Problem(row, LocationCode, L["RecordImport_UnknownUnit", code]);
                    location = null;
                }
                else if (!user.Can(Permission.PetitionsEdit, handling.Ref))
                {
                    sheet.Problem(row, LocationCode, L["Petitions_CannotRecord", handling.Name]);
                    location = null;
                }
                else if (!location.IsActive)
                {
                    sheet.Problem(row, LocationCode, L["Units_RetiredReadOnly", location.Name]);
                    location = null;
                }
            }

            if (read.Category is { } categoryText)
            {
                var wanted = TextSearch.Normalize(categoryText);
                input.CategoryId = categories
                    .FirstOrDefault(c =>
                        TextSearch.Normalize(c.Code) == wanted
                        || TextSearch.Normalize(c.Name) == wanted
                        || TextSearch.Normalize(c.NameEn) == wanted
                        || TextSearch.Normalize(c.NameDe) == wanted
                    )
                    ?.Id;
                if (input.CategoryId is null)
                {
                    sheet.Problem(
                        row,
                        nameof(PetitionInput.CategoryId),
                        L["RecordImport_NotInCatalogue", categoryText, L["Field_PetitionCategory"]]
                    );
                }
            }

            // The form's own checks; a cell the sheet already found wrong (missing, unknown, not a date) is reported
            // once, by the sheet.
            var errors = RequestValidation.Validate(input);
            RecordPetition.CheckItems(input, dialogueHeldOn: null, today, errors, L);
            if (errors.Any)
            {
                sheet.AddErrors(row, errors.ToError(L["Val_FixBelow"]));
                continue;
            }

            if (location is null || handling is null)
            {
                continue;
            }

            var key = RecordImport.RowKey(
                "petition",
                handling.Id,
                input.ReceivedOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                input.Title,
                input.Content
            );
            if (firstRowOf.TryGetValue(key, out var first))
            {
                sheet.Problem(row, nameof(PetitionInput.Title), L["RecordImport_DuplicateRow", first]);
                continue;
            }

            firstRowOf[key] = row.Number;
            made.Add((read, location, handling, key));
        }

        if (sheet.Problems.Count > 0)
        {
            return RecordImportResult.Failed(rows.Count, sheet.Problems);
        }

        var imported = await ImportLookups.ImportedKeysAsync(db, made.Select(m => m.Key), ct);
        var fresh = made.Where(m => !imported.Contains(m.Key)).ToList();
        var sample = made.Take(RecordImport.SampleSize)
            .Select(m => new RecordImportLine(
                m.Read.Row.Number,
                m.Read.Input.Title!,
                m.Location.Name,
                imported.Contains(m.Key)
            ))
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

        // The petitions, their "received" steps, the rows' keys and one line of the audit trail for the file: all or
        // nothing.
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        var petitions = fresh
            .Select(m => RecordPetition.NewPetition(m.Read.Input, m.Handling.Id, null, m.Location, db.UtcNow).Petition)
            .ToList();
        db.Petitions.AddRange(petitions);
        try
        {
            await db.SaveChangesAsync(ct);
            for (var i = 0; i < petitions.Count; i++)
            {
                var petition = petitions[i];
                db.PetitionEvents.Add(
                    PetitionSteps.EventOf(
                        petition,
                        PetitionAction.Receive,
                        PetitionStatus.Received,
                        petition.ReceivedOn,
                        null,
                        user,
                        db.UtcNow
                    )
                );
                db.ProcessedRequests.Add(ImportLookups.Marker(db, fresh[i].Key, nameof(Petition), petition.Id));
            }

            db.Audit(
                AuditAction.RecordsImported,
                nameof(Petition),
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

    /// <summary>The commune that handles a matter at a unit, as the form's default without a dialogue.</summary>
    private static int HandlingUnitOf(Unit location) => location.CommuneId ?? location.Id;
}
