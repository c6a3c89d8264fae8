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

namespace DanVan.Web.Features.Personnel;

/// <summary>
/// A cadre list from a spreadsheet (provinces keep them in Excel): one person a row, at the unit of the row's code, with
/// their current post when the row names one (body, post, full- or part-time, from). A person is matched, not doubled:
/// a row whose name and date of birth are those of a cadre already recorded in the caller's scope (or of an earlier
/// row) is that cadre, and only a post not yet recorded is added; so uploading the same file twice changes nothing.
/// Every row goes through the form's checks (<see cref="SaveCadre.CheckPerson"/>) and the post's rules (a body of the
/// unit, the start after the 18th birthday and at most a year ahead, one head and one standing deputy per body, one
/// full-time post at a time); one problem anywhere and nothing is written. Problems and the preview never show a
/// person's name in clear.
/// </summary>
internal sealed class ImportCadres(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public const string Purpose = "cadres";
    private const string UnitCode = "UnitCode";
    private const string Body = "Body";
    private const string Post = "Post";
    private const string FullTime = "FullTime";
    private const string StartOn = "StartOn";
    private const string DecisionNumber = "DecisionNumber";

    public static readonly ImportColumn[] Columns =
    [
        new(UnitCode, nameof(SharedResource.RecordImport_ColumnUnitCode), true, "ma_don_vi", "ma", "code"),
        new(nameof(CadreInput.FullName), nameof(SharedResource.Field_CadreName), true, "ho_ten", "name"),
        new(nameof(CadreInput.BirthDate), nameof(SharedResource.Field_BirthDate), true, "ngay_sinh", "birth_date"),
        new(nameof(CadreInput.Sex), nameof(SharedResource.Field_Sex), true, "gioi_tinh", "sex"),
        new(nameof(CadreInput.Ethnicity), nameof(SharedResource.Field_Ethnicity), false, "dan_toc"),
        new(nameof(CadreInput.PartyEntryDate), nameof(SharedResource.Field_PartyEntryDate), false, "ngay_vao_dang"),
        new(nameof(CadreInput.Phone), nameof(SharedResource.Field_Phone), false, "dien_thoai"),
        new(nameof(CadreInput.TheoryLevel), nameof(SharedResource.Field_TheoryLevel), true, "ly_luan_chinh_tri"),
        new(nameof(CadreInput.ProfessionalLevel), nameof(SharedResource.Field_ProfessionalLevel), false, "chuyen_mon"),
        new(nameof(CadreInput.Degree), nameof(SharedResource.Field_Degree), false, "chuyen_nganh"),
        new(nameof(CadreInput.CivilServiceGrade), nameof(SharedResource.Field_CivilServiceGrade), false, "ngach"),
        new(Body, nameof(SharedResource.Field_Body), false, "co_quan"),
        new(Post, nameof(SharedResource.Field_Post), false, "chuc_vu"),
        new(FullTime, nameof(SharedResource.Cadres_FullTimeOption), false, "chuyen_trach"),
        new(StartOn, nameof(SharedResource.Field_StartOn), false, "tu_ngay"),
        new(DecisionNumber, nameof(SharedResource.Field_DecisionNumber), false, "so_quyet_dinh"),
    ];

    private sealed record Read(
        TabularRow Row,
        string? Code,
        CadreInput Input,
        string? Body,
        CadrePost? Post,
        bool FullTime,
        DateOnly? StartOn,
        string? Decision
    );

    /// <summary>A row that will be written: the person (new, or one already recorded), and the post to add if any.</summary>
    private sealed record Made(Read Read, Unit Unit, string Key, Cadre? Existing, int? BodyId);

    public Task<RecordImportResult> PreviewAsync(Stream content, string fileName, CancellationToken ct) =>
        RunAsync(content, fileName, commit: false, ct);

    public Task<RecordImportResult> CommitAsync(Stream content, string fileName, CancellationToken ct) =>
        RunAsync(content, fileName, commit: true, ct);

    /// <summary>The template: the columns in the caller's language and one example row at the caller's unit.</summary>
    public async Task<(string FileName, byte[] Content)> TemplateAsync(CancellationToken ct)
    {
        var unit = user.Active?.Unit is { } active
            ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == active.Id, ct)
            : null;
        var body = unit is null
            ? null
            : await db
                .Organizations.Where(o => o.UnitId == unit.Id && o.IsActive)
                .OrderBy(o => o.Name)
                .Select(o => o.Name)
                .FirstOrDefaultAsync(ct);
        var today = VietnamTime.Today(clock);
        object?[] example =
        [
            unit?.Code,
            L["CadreImport_ExampleName"].Value,
            today.AddYears(-35).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            L.Enum(Sex.Female),
            "Kinh",
            today.AddYears(-10).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            null,
            L.Enum(TheoryLevel.Intermediate),
            L.Enum(ProfessionalLevel.University),
            null,
            null,
            body,
            L.Enum(CadrePost.Specialist),
            L["Common_Yes"].Value,
            today.AddYears(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            null,
        ];
        var content = await RecordImport.TemplateAsync(Columns, [example], "Can bo", ct);
        return ("mau-nhap-can-bo.xlsx", content);
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

            var input = new CadreInput
            {
                FullName = sheet.Text(row, nameof(CadreInput.FullName)),
                BirthDate = sheet.Date(row, nameof(CadreInput.BirthDate)),
                Sex = sheet.Choice<Sex>(row, nameof(CadreInput.Sex)),
                Ethnicity = sheet.Text(row, nameof(CadreInput.Ethnicity)),
                PartyEntryDate = sheet.Date(row, nameof(CadreInput.PartyEntryDate)),
                Phone = sheet.Text(row, nameof(CadreInput.Phone)),
                TheoryLevel = sheet.Choice<TheoryLevel>(row, nameof(CadreInput.TheoryLevel)),
                ProfessionalLevel = sheet.Choice<ProfessionalLevel>(row, nameof(CadreInput.ProfessionalLevel)),
                Degree = sheet.Text(row, nameof(CadreInput.Degree)),
                CivilServiceGrade = sheet.Text(row, nameof(CadreInput.CivilServiceGrade)),
            };
            var fullTimeCell = sheet.Text(row, FullTime);
            rows.Add(
                new Read(
                    row,
                    sheet.Text(row, UnitCode),
                    input,
                    sheet.Text(row, Body),
                    sheet.Choice<CadrePost>(row, Post),
                    fullTimeCell is null || sheet.Flag(row, FullTime),
                    sheet.Date(row, StartOn),
                    sheet.Text(row, DecisionNumber)
                )
            );
        }

        if (rows.Count == 0)
        {
            return RecordImportResult.Failed(0, [new ImportProblem(0, null, L["Import_Empty"])]);
        }

        // The references, each read once for the whole file: the units by code, their bodies, the cadres the rows may
        // be (same name, any date of birth: matched below), and the posts held in those bodies and by those cadres.
        var units = await ImportLookups.UnitsByCodeAsync(db, rows.Select(r => r.Code), ct);
        var unitIds = units.Values.Select(u => u.Id).Distinct().ToList();
        var bodies = await db
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
        var names = rows.Where(r => r.Input.FullName is not null)
            .Select(r => TextSearch.Normalize(CadreRules.Clean(r.Input.FullName)!))
            .Distinct()
            .ToList();
        var known = new List<Cadre>();
        foreach (var chunk in names.Chunk(1000))
        {
            known.AddRange(
                await db
                    .Cadres.AsNoTracking()
                    .Where(UnitScope.Rows<Cadre>(user, Permission.PersonnelView))
                    .Where(c => chunk.Contains(c.SearchText) && c.ErasedAt == null)
                    .ToListAsync(ct)
            );
        }

        var today = VietnamTime.Today(clock);
        var bodyIds = bodies.Select(b => b.Id).ToList();
        var knownIds = known.Select(c => c.Id).ToList();
        var held = await db
            .CadrePositions.AsNoTracking()
            .Where(p =>
                (bodyIds.Contains(p.OrganizationId) || knownIds.Contains(p.CadreId))
                && (p.EndOn == null || p.EndOn >= today.AddYears(-1))
            )
            .Select(p => new
            {
                p.CadreId,
                p.OrganizationId,
                p.Post,
                p.FullTime,
                p.StartOn,
                p.EndOn,
            })
            .ToListAsync(ct);

        var made = new List<Made>();
        var fullTimeInFile = new HashSet<string>(StringComparer.Ordinal);
        var postsInFile = new HashSet<(string Person, int Body, CadrePost Post, DateOnly Start)>();
        var takenInFile = new HashSet<(int Body, CadrePost Post)>();
        foreach (var read in rows)
        {
            var row = read.Row;
            var input = read.Input;
            Unit? unit = null;
            if (read.Code is { } code)
            {
                unit = units.GetValueOrDefault(code);
                if (unit is null || !user.Can(Permission.PersonnelView, unit.Ref))
                {
                    sheet.Problem(row, UnitCode, L["RecordImport_UnknownUnit", code]);
                    unit = null;
                }
                else if (!CadreRules.MayEdit(user, unit.Ref))
                {
                    sheet.Problem(row, UnitCode, L["Cadres_CannotEdit"]);
                    unit = null;
                }
                else if (!unit.IsActive || !CadreRules.KeepsCadres(unit.Level))
                {
                    sheet.Problem(
                        row,
                        UnitCode,
                        unit.IsActive ? L["Cadres_UnitLevel"] : L["Units_RetiredReadOnly", unit.Name]
                    );
                    unit = null;
                }
            }

            var errors = RequestValidation.Validate(input);
            SaveCadre.CheckPerson(input, today, errors, L);
            if (errors.Any)
            {
                sheet.AddErrors(row, errors.ToError(L["Val_FixBelow"]));
                continue;
            }

            if (unit is null)
            {
                continue;
            }

            // The person: a row of the file already (the same person twice in one list), or a cadre on record.
            var name = TextSearch.Normalize(CadreRules.Clean(input.FullName)!);
            var key = string.Create(CultureInfo.InvariantCulture, $"{name}|{input.BirthDate:yyyy-MM-dd}");
            var existing = known.FirstOrDefault(c => c.SearchText == name && c.BirthDate == input.BirthDate);

            // The post, when the row names one: all of body, post and start, in a body of the unit.
            int? bodyId = null;
            if (read.Body is not null || read.Post is not null || read.StartOn is not null)
            {
                var wanted = read.Body is null ? null : TextSearch.Normalize(read.Body);
                var body = bodies.FirstOrDefault(b =>
                    b.UnitId == unit.Id
                    && (
                        TextSearch.Normalize(b.Name) == wanted
                        || (b.ShortName is not null && TextSearch.Normalize(b.ShortName) == wanted)
                    )
                );
                if (read.Body is null)
                {
                    sheet.Problem(row, Body, L["Val_Choose", L["Field_Body"]]);
                }
                else if (body is null)
                {
                    sheet.Problem(row, Body, L["CadreImport_UnknownBody", read.Body, unit.Name]);
                }

                if (read.Post is null)
                {
                    sheet.Problem(row, Post, L["Val_Choose", L["Field_Post"]]);
                }

                if (read.StartOn is not { } start)
                {
                    sheet.Problem(row, StartOn, L["Val_Required", L["Field_StartOn"]]);
                }
                else if (start > today.AddYears(1))
                {
                    sheet.Problem(row, StartOn, L["Cadres_StartTooLate"]);
                }
                else if (start < input.BirthDate!.Value.AddYears(CadreRules.MinimumAge))
                {
                    sheet.Problem(row, StartOn, L["Cadres_PostBeforeAdult", CadreRules.MinimumAge]);
                }

                if (body is not null && read.Post is { } post && read.StartOn is { } from)
                {
                    bodyId = body.Id;
                    var own = existing?.Id ?? -1;
                    var same = held.Any(p =>
                        p.CadreId == own && p.OrganizationId == body.Id && p.Post == post && p.StartOn == from
                    );
                    if (!same)
                    {
                        var current = held.Where(p => p.EndOn == null || p.EndOn >= from).ToList();
                        if (
                            CadreRules.IsSingleHolder(post)
                            && (
                                current.Any(p => p.OrganizationId == body.Id && p.Post == post && p.CadreId != own)
                                || !takenInFile.Add((body.Id, post))
                            )
                        )
                        {
                            sheet.Problem(row, Post, L["Cadres_PostTaken", L.Enum(post), body.Name]);
                        }

                        if (read.FullTime && current.Any(p => p.CadreId == own && p.FullTime))
                        {
                            sheet.Problem(row, StartOn, L["Cadres_FullTimeOverlap"]);
                        }
                    }
                }
            }

            // The same person on two rows (a full-time post and a part-time one) is one person: matched, not doubled;
            // a row repeated word for word adds its post once.
            if (bodyId is { } postBody && !postsInFile.Add((key, postBody, read.Post!.Value, read.StartOn!.Value)))
            {
                bodyId = null;
            }

            if (bodyId is not null && read.FullTime && !fullTimeInFile.Add(key))
            {
                sheet.Problem(row, StartOn, L["Cadres_FullTimeOverlap"]);
            }

            made.Add(new Made(read, unit, key, existing, bodyId));
        }

        if (sheet.Problems.Count > 0)
        {
            return RecordImportResult.Failed(rows.Count, sheet.Problems);
        }

        // What is new: the people not on record, and the posts not yet recorded (a re-upload adds nothing).
        bool PostIsNew(Made m) =>
            m.BodyId is { } body
            && !held.Any(p =>
                p.CadreId == (m.Existing?.Id ?? -1)
                && p.OrganizationId == body
                && p.Post == m.Read.Post
                && p.StartOn == m.Read.StartOn
            );
        var fresh = made.Where(m => m.Existing is null).DistinctBy(m => m.Key).ToList();
        var posts = made.Where(PostIsNew).ToList();
        var sample = made.Take(RecordImport.SampleSize)
            .Select(m => new RecordImportLine(
                m.Read.Row.Number,
                CadreRules.Mask(CadreRules.Clean(m.Read.Input.FullName)),
                m.Unit.Name,
                m.Existing is not null && !PostIsNew(m)
            ))
            .ToList();
        var result = new RecordImportResult(
            rows.Count,
            fresh.Count,
            made.Select(m => m.Key).Distinct().Count() - fresh.Count,
            [],
            sample,
            Committed: false
        );
        if (!commit || (fresh.Count == 0 && posts.Count == 0))
        {
            return result with { Committed = commit };
        }

        // The people, their posts and one line of the audit trail for the file: all or nothing.
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        var created = fresh.ToDictionary(m => m.Key, m => NewCadre(m.Read.Input, m.Unit));
        db.Cadres.AddRange(created.Values);
        await db.SaveChangesAsync(ct);
        foreach (var m in posts)
        {
            var cadreId = m.Existing?.Id ?? created[m.Key].Id;
            var position = new CadrePosition
            {
                CadreId = cadreId,
                UnitId = m.Unit.Id,
                ProvinceId = m.Unit.ProvinceId,
                CommuneId = m.Unit.CommuneId,
                VillageId = m.Unit.VillageId,
                UnitLevel = m.Unit.Level,
                OrganizationId = m.BodyId!.Value,
                Post = m.Read.Post!.Value,
                FullTime = m.Read.FullTime,
                StartOn = m.Read.StartOn!.Value,
                DecisionNumber = CadreRules.Clean(m.Read.Decision),
                CadreTheory = m.Existing?.TheoryLevel ?? created[m.Key].TheoryLevel,
            };
            db.CadrePositions.Add(position);
        }

        // A record belongs to the unit of the cadre's current full-time post: a matched cadre given one elsewhere moves.
        var moving = posts
            .Where(m => m.Existing is { } e && m.Read.FullTime && m.Read.StartOn <= today && e.UnitId != m.Unit.Id)
            .ToDictionary(m => m.Existing!.Id, m => m.Unit);
        if (moving.Count > 0)
        {
            var ids = moving.Keys.ToList();
            foreach (var cadre in await db.Cadres.Where(c => ids.Contains(c.Id)).ToListAsync(ct))
            {
                var unit = moving[cadre.Id];
                cadre.UnitId = unit.Id;
                cadre.ProvinceId = unit.ProvinceId;
                cadre.CommuneId = unit.CommuneId;
                cadre.VillageId = unit.VillageId;
                cadre.UnitLevel = unit.Level;
            }
        }

        db.Audit(
            AuditAction.RecordsImported,
            nameof(Cadre),
            null,
            user.Active?.Unit,
            string.Create(
                CultureInfo.InvariantCulture,
                $"file={Path.GetFileName(fileName)}; rows={rows.Count}; created={fresh.Count}; matched={result.AlreadyImported}; posts={posts.Count}"
            )
        );
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result with { Committed = true };
    }

    private Cadre NewCadre(CadreInput input, Unit unit)
    {
        var cadre = new Cadre
        {
            UnitLevel = unit.Level,
            TheoryLevel = input.TheoryLevel ?? TheoryLevel.None,
            CreatedAt = db.UtcNow,
        };
        unit.Ref.StampOnto(cadre);
        SaveCadre.Apply(cadre, input);
        return cadre;
    }
}
