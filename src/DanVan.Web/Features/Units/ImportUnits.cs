using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Imports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Units;

/// <summary>
/// Imports an official unit list (.csv or .xlsx; columns code, name, kind, parent code, optionally English
/// name and start date; Vietnamese headers accepted). Every row is checked before anything is written; one
/// bad row means nothing is written. New codes are created, known codes updated in place. Parents may come
/// after their children in the file.
/// </summary>
internal sealed class ImportUnits(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public const int MaxRows = 200_000;
    private const int SampleSize = 20;

    private static readonly Dictionary<string, string[]> ColumnAliases = new()
    {
        ["code"] = ["code", "ma", "ma_don_vi", "ma_dvhc"],
        ["name"] = ["name", "ten", "ten_don_vi"],
        ["name_en"] = ["name_en", "english_name", "ten_tieng_anh"],
        ["kind"] = ["kind", "loai", "cap", "type"],
        ["parent_code"] = ["parent_code", "parent", "ma_cap_tren", "ma_cha", "ma_tinh"],
        ["valid_from"] = ["valid_from", "hieu_luc_tu", "ngay_hieu_luc"],
    };

    private static readonly Dictionary<string, UnitKind> KindNames = new()
    {
        ["province"] = UnitKind.Province,
        ["tinh"] = UnitKind.Province,
        ["city"] = UnitKind.City,
        ["thanh_pho"] = UnitKind.City,
        ["thanh_pho_truc_thuoc_trung_uong"] = UnitKind.City,
        ["commune"] = UnitKind.Commune,
        ["xa"] = UnitKind.Commune,
        ["ward"] = UnitKind.Ward,
        ["phuong"] = UnitKind.Ward,
        ["special_zone"] = UnitKind.SpecialZone,
        ["dac_khu"] = UnitKind.SpecialZone,
        ["village"] = UnitKind.Village,
        ["thon"] = UnitKind.Village,
        ["ap"] = UnitKind.Village,
        ["ban"] = UnitKind.Village,
        ["residential_group"] = UnitKind.ResidentialGroup,
        ["to_dan_pho"] = UnitKind.ResidentialGroup,
        ["khu_pho"] = UnitKind.ResidentialGroup,
    };

    private sealed record Line(
        int Row,
        string Code,
        string Name,
        string? NameEn,
        UnitKind Kind,
        string? ParentCode,
        DateOnly? ValidFrom
    );

    public Task<UnitImportResult> PreviewAsync(Stream content, string fileName, CancellationToken ct) =>
        RunAsync(content, fileName, commit: false, ct);

    public Task<UnitImportResult> CommitAsync(Stream content, string fileName, CancellationToken ct) =>
        RunAsync(content, fileName, commit: true, ct);

    private async Task<UnitImportResult> RunAsync(Stream content, string fileName, bool commit, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        List<Line> lines;
        int rowCount;
        try
        {
            (lines, rowCount) = Parse(TabularFile.Open(content, fileName), problems);
        }
        catch (ImportFileException e)
        {
            return Failed(0, [new ImportProblem(0, null, e.Message)]);
        }

        if (problems.Count > 0 && lines.Count == 0)
        {
            return Failed(rowCount, problems);
        }

        // Everything the rows refer to, in one statement: active units with the codes or parent codes used.
        var codes = lines
            .Select(l => l.Code)
            .Concat(lines.Select(l => l.ParentCode).OfType<string>())
            .Distinct()
            .ToList();
        var known = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(2000))
        {
            foreach (var unit in await db.Units.Where(u => u.ValidTo == null && chunk.Contains(u.Code)).ToListAsync(ct))
            {
                known[unit.Code] = unit;
            }
        }

        var root = await db.Units.SingleOrDefaultAsync(u => u.Level == UnitLevel.Central, ct)
            ?? throw new InvalidOperationException("The central root unit is missing; run 'migrate' first.");
        var parentsOfKnown = known.Values.Select(u => u.ParentId).OfType<int>().Distinct().ToList();
        var parentRefs = new Dictionary<int, UnitRef>();
        foreach (var chunk in parentsOfKnown.Chunk(2000))
        {
            foreach (
                var p in await db
                    .Units.AsNoTracking()
                    .Where(u => chunk.Contains(u.Id))
                    .Select(u => new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId))
                    .ToListAsync(ct)
            )
            {
                parentRefs[p.Id] = p;
            }
        }

        parentRefs[root.Id] = root.Ref;

        var byCode = new Dictionary<string, Line>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!byCode.TryAdd(line.Code, line))
            {
                problems.Add(
                    new ImportProblem(line.Row, "code", L["Import_DuplicateCode", line.Code, byCode[line.Code].Row])
                );
            }
        }

        var actions = new Dictionary<string, ImportAction>(StringComparer.Ordinal);
        foreach (var line in byCode.Values)
        {
            var level = UnitKinds.LevelOf(line.Kind);
            var parentCode = level == UnitLevel.Province ? null : line.ParentCode;
            if (level != UnitLevel.Province && parentCode is null)
            {
                problems.Add(new ImportProblem(line.Row, "parent_code", L["Import_ParentRequired"]));
                continue;
            }

            UnitLevel? parentLevel =
                parentCode is null ? UnitLevel.Central
                : byCode.TryGetValue(parentCode, out var parentLine) ? UnitKinds.LevelOf(parentLine.Kind)
                : known.TryGetValue(parentCode, out var parentUnit) ? parentUnit.Level
                : null;
            if (parentLevel is null)
            {
                problems.Add(new ImportProblem(line.Row, "parent_code", L["Import_ParentNotFound", parentCode!]));
                continue;
            }

            if (parentLevel != level - 1)
            {
                problems.Add(
                    new ImportProblem(
                        line.Row,
                        "kind",
                        L["Import_KindNotBelowParent", L.Enum(line.Kind), parentCode ?? root.Code]
                    )
                );
                continue;
            }

            // The nearest ancestor already in the database decides whether the caller may write here.
            var anchor = ExistingAnchor(line, byCode, known, root);
            if (anchor is null || !user.CanManageUnitUnder(anchor.Value))
            {
                problems.Add(
                    new ImportProblem(line.Row, "parent_code", L["Import_OutOfScope", parentCode ?? root.Code])
                );
                continue;
            }

            if (known.TryGetValue(line.Code, out var existing))
            {
                var existingParentCode =
                    existing.ParentId == root.Id
                        ? null
                        : known.Values.FirstOrDefault(u => u.Id == existing.ParentId)?.Code;
                if (existing.Level != level)
                {
                    problems.Add(
                        new ImportProblem(line.Row, "kind", L["Import_LevelChange", line.Code, L.Enum(existing.Kind)])
                    );
                }
                else if (existing.ParentId != root.Id && existingParentCode != parentCode)
                {
                    problems.Add(new ImportProblem(line.Row, "parent_code", L["Import_ParentChange", line.Code]));
                }
                else if (
                    !user.CanManageUnitUnder(
                        existing.ParentId is { } pid && parentRefs.TryGetValue(pid, out var pr) ? pr : null
                    )
                )
                {
                    problems.Add(new ImportProblem(line.Row, "code", L["Import_OutOfScope", line.Code]));
                }
                else
                {
                    actions[line.Code] =
                        existing.Name != line.Name
                        || existing.Kind != line.Kind
                        || (existing.NameEn ?? "") != (line.NameEn ?? "")
                        || (line.ValidFrom is { } from && from != existing.ValidFrom)
                            ? ImportAction.Update
                            : ImportAction.Unchanged;
                }
            }
            else
            {
                actions[line.Code] = ImportAction.Create;
            }
        }

        var sample = byCode
            .Values.Where(l => actions.ContainsKey(l.Code))
            .Take(SampleSize)
            .Select(l => new UnitImportLine(l.Row, actions[l.Code], l.Code, l.Name, l.Kind, l.ParentCode))
            .ToList();
        var created = actions.Count(a => a.Value == ImportAction.Create);
        var updated = actions.Count(a => a.Value == ImportAction.Update);
        var unchanged = actions.Count(a => a.Value == ImportAction.Unchanged);
        problems.Sort((a, b) => a.Row.CompareTo(b.Row));
        if (problems.Count > 0 || !commit)
        {
            return new UnitImportResult(rowCount, created, updated, unchanged, problems, sample, Committed: false);
        }

        await ApplyAsync(byCode, actions, known, root, fileName, ct);
        return new UnitImportResult(rowCount, created, updated, unchanged, [], sample, Committed: true);
    }

    private static UnitRef? ExistingAnchor(
        Line line,
        Dictionary<string, Line> byCode,
        Dictionary<string, Unit> known,
        Unit root
    )
    {
        var current = line;
        for (var depth = 0; depth < 4; depth++)
        {
            if (UnitKinds.LevelOf(current.Kind) == UnitLevel.Province || current.ParentCode is null)
            {
                return root.Ref;
            }

            if (known.TryGetValue(current.ParentCode, out var unit))
            {
                return unit.Ref;
            }

            if (!byCode.TryGetValue(current.ParentCode, out var parent))
            {
                return null;
            }

            current = parent;
        }

        return null;
    }

    private async Task ApplyAsync(
        Dictionary<string, Line> byCode,
        Dictionary<string, ImportAction> actions,
        Dictionary<string, Unit> known,
        Unit root,
        string fileName,
        CancellationToken ct
    )
    {
        var today = VietnamTime.Today(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (code, action) in actions.Where(a => a.Value == ImportAction.Update))
        {
            var line = byCode[code];
            var unit = known[code];
            unit.Name = line.Name;
            unit.NameEn = line.NameEn;
            unit.Kind = line.Kind;
            unit.ValidFrom = line.ValidFrom ?? unit.ValidFrom;
            unit.SearchText = UnitRules.SearchTextOf(unit.Code, unit.Name, unit.NameEn);
        }

        await db.SaveChangesAsync(ct);

        // New units level by level, so every parent has its id and ancestors before its children.
        foreach (var level in new[] { UnitLevel.Province, UnitLevel.Commune, UnitLevel.Village })
        {
            var batch = new List<Unit>();
            foreach (
                var line in byCode.Values.Where(l =>
                    actions.GetValueOrDefault(l.Code) == ImportAction.Create && UnitKinds.LevelOf(l.Kind) == level
                )
            )
            {
                var parent = level == UnitLevel.Province ? root : known[line.ParentCode!];
                var unit = new Unit
                {
                    Code = line.Code,
                    Name = line.Name,
                    NameEn = line.NameEn,
                    Kind = line.Kind,
                    ValidFrom = line.ValidFrom ?? today,
                    SearchText = UnitRules.SearchTextOf(line.Code, line.Name, line.NameEn),
                };
                UnitRules.PlaceUnder(unit, parent);
                batch.Add(unit);
                known[unit.Code] = unit;
            }

            if (batch.Count > 0)
            {
                await UnitRules.InsertAsync(db, batch, ct);
            }
        }

        db.Audit(
            AuditAction.UnitsImported,
            nameof(Unit),
            null,
            root.Ref,
            string.Create(
                CultureInfo.InvariantCulture,
                $"file={Path.GetFileName(fileName)}; created={actions.Count(a => a.Value == ImportAction.Create)}; updated={actions.Count(a => a.Value == ImportAction.Update)}"
            )
        );
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <returns>The rows that passed their own checks, and how many data rows the file has.</returns>
    private (List<Line> Lines, int RowCount) Parse(TabularData table, List<ImportProblem> problems)
    {
        var columns = new Dictionary<string, string>();
        foreach (var (canonical, aliases) in ColumnAliases)
        {
            if (aliases.FirstOrDefault(table.Headers.Contains) is { } found)
            {
                columns[canonical] = found;
            }
        }

        foreach (var required in new[] { "code", "name", "kind", "parent_code" })
        {
            if (!columns.ContainsKey(required))
            {
                problems.Add(new ImportProblem(1, required, L["Import_MissingColumn", required]));
            }
        }

        if (problems.Count > 0)
        {
            return ([], 0);
        }

        var lines = new List<Line>();
        var rowCount = 0;
        foreach (var row in table.Rows)
        {
            rowCount++;
            if (lines.Count >= MaxRows)
            {
                problems.Add(new ImportProblem(row.Number, null, L["Import_TooManyRows", MaxRows]));
                break;
            }

            var code = row.Get(columns["code"]);
            var name = row.Get(columns["name"]);
            var nameEn = columns.TryGetValue("name_en", out var en) ? row.Get(en) : "";
            var kindText = row.Get(columns["kind"]);
            var parentCode = row.Get(columns["parent_code"]);
            var validFromText = columns.TryGetValue("valid_from", out var vf) ? row.Get(vf) : "";
            var rowProblems = problems.Count;

            if (code.Length == 0)
            {
                problems.Add(new ImportProblem(row.Number, "code", L["Import_Required", "code"]));
            }
            else if (code.Length > 20 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                problems.Add(new ImportProblem(row.Number, "code", L["Import_BadCode", code]));
            }

            if (name.Length == 0)
            {
                problems.Add(new ImportProblem(row.Number, "name", L["Import_Required", "name"]));
            }
            else if (name.Length > 200 || nameEn.Length > 200)
            {
                problems.Add(new ImportProblem(row.Number, "name", L["Import_TooLong", 200]));
            }

            if (name.Any(char.IsControl) || nameEn.Any(char.IsControl))
            {
                problems.Add(new ImportProblem(row.Number, "name", L["Import_ControlCharacters"]));
            }

            var kindKey = TabularFile.NormalizeHeader(kindText);
            if (!KindNames.TryGetValue(kindKey, out var kind))
            {
                problems.Add(new ImportProblem(row.Number, "kind", L["Import_UnknownKind", kindText]));
            }

            DateOnly? validFrom = null;
            if (validFromText.Length > 0)
            {
                if (
                    DateOnly.TryParseExact(
                        validFromText,
                        ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"],
                        CultureInfo.InvariantCulture,
                        DateTimeStyles.None,
                        out var date
                    )
                )
                {
                    validFrom = date;
                }
                else if (
                    DateTime.TryParse(
                        validFromText,
                        CultureInfo.InvariantCulture,
                        DateTimeStyles.None,
                        out var dateTime
                    )
                )
                {
                    validFrom = DateOnly.FromDateTime(dateTime);
                }
                else
                {
                    problems.Add(new ImportProblem(row.Number, "valid_from", L["Import_BadDate", validFromText]));
                }
            }

            if (problems.Count == rowProblems)
            {
                lines.Add(
                    new Line(
                        row.Number,
                        code,
                        name,
                        nameEn.Length == 0 ? null : nameEn,
                        kind,
                        parentCode.Length == 0 ? null : parentCode,
                        validFrom
                    )
                );
            }
        }

        if (lines.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ImportProblem(0, null, L["Import_Empty"]));
        }

        return (lines, rowCount);
    }

    private static UnitImportResult Failed(int rows, IReadOnlyList<ImportProblem> problems) =>
        new(rows, 0, 0, 0, problems, [], Committed: false);
}
