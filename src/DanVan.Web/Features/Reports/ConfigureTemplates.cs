using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.OfficialDocuments;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Reports;

/// <summary>A section of a template as the administrator sets it: its heading and the catalogue figures of its table
/// (none for a narrative section). A row with an empty heading is no section.</summary>
public sealed class TemplateSectionInput
{
    /// <summary>The section's key: kept for a section the template had, made from its place for a new one.</summary>
    [MaxChars(50)]
    public string? Key { get; set; }

    [MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_SectionTitle), ResourceType = typeof(SharedResource))]
    public string? Title { get; set; }

    /// <summary>The figures' catalogue keys (a form posts none for a row with nothing ticked: an empty list, never
    /// null).</summary>
    public List<string> Figures
    {
        get;
        set => field = value ?? [];
    } = [];
}

/// <summary>What a province's template of a kind is set to.</summary>
public sealed class TemplateInput
{
    public int Version { get; set; }

    public List<TemplateSectionInput> Sections
    {
        get;
        set => field = value ?? [];
    } = [];

    [Range(
        1,
        28,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    [Display(Name = nameof(SharedResource.Field_DueDay), ResourceType = typeof(SharedResource))]
    public int DueDay { get; set; } = ReportRules.DefaultDueDay;

    public bool OpensOnSchedule { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_Regime), ResourceType = typeof(SharedResource))]
    public DocumentRegime Regime { get; set; } = DocumentRegime.Party;

    public static TemplateInput From(TemplateInForce t) =>
        new()
        {
            Regime = t.Regime,
            Version = t.Setting?.Version ?? 0,
            DueDay = t.DueDay,
            OpensOnSchedule = t.OpensOnSchedule,
            Sections =
            [
                .. t.Template.Sections.Select(s => new TemplateSectionInput
                {
                    Key = s.Key,
                    Title = s.Title,
                    Figures = [.. s.Figures],
                }),
            ],
        };
}

/// <summary>A province's templates, one per kind, as the page and the API show them.</summary>
public sealed record ProvinceTemplates(Unit Unit, IReadOnlyList<TemplateInForce> Templates);

/// <summary>
/// The report templates of a province, set by its administrator (<see cref="Permission.ReportsConfigure"/> held at
/// the province): read, set (sections, due day, schedule) and put back to the default. A template is checked as a
/// round would use it — at least one section, no heading twice, only the catalogue's figures — and a refusal writes
/// nothing. Saving is versioned against another administrator's change, and audited.
/// </summary>
public sealed class ConfigureTemplates(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    /// <summary>The provinces whose templates the caller sets, by name.</summary>
    public async Task<IReadOnlyList<Unit>> ProvincesAsync(CancellationToken ct)
    {
        var granted = user
            .Grants.Where(g => RolePermissions.Grants(g.Role, Permission.ReportsConfigure))
            .Select(g => g.UnitId)
            .ToList();
        var provinces = await db
            .Units.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Province && u.ValidTo == null)
            .Where(u => granted.Contains(u.Id) || (u.ParentId != null && granted.Contains(u.ParentId.Value)))
            .ToListAsync(ct);
        return [.. provinces.Where(u => user.Can(Permission.ReportsConfigure, u.Ref)).OrderBy(u => u.Name)];
    }

    public async Task<Result<ProvinceTemplates>> ReadAsync(int unitId, CancellationToken ct)
    {
        var unit = await ProvinceAsync(unitId, ct);
        if (unit is null)
        {
            return new NotFoundError(L["Reports_UnitNotFound"]);
        }

        var stored = await db.ReportTemplateSettings.AsNoTracking().Where(t => t.UnitId == unitId).ToListAsync(ct);
        return new ProvinceTemplates(
            unit,
            [.. ReportTemplates.Kinds.Select(k => TemplateInForce.Of(k, stored.SingleOrDefault(t => t.Kind == k)))]
        );
    }

    public async Task<Result<int>> SaveAsync(int unitId, PeriodKind kind, TemplateInput input, CancellationToken ct)
    {
        var unit = await ProvinceAsync(unitId, ct);
        if (unit is null || !ReportTemplates.Kinds.Contains(kind))
        {
            return new NotFoundError(L["Reports_UnitNotFound"]);
        }

        var errors = RequestValidation.Validate(input);
        var sections = new List<TemplateSection>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input.Sections.Count; i++)
        {
            var row = input.Sections[i];
            var title = row.Title?.Trim();
            if (string.IsNullOrEmpty(title))
            {
                if (row.Figures.Count > 0)
                {
                    errors.Add($"Sections[{i}].Title", L["Val_Required", L["Field_SectionTitle"]]);
                }

                continue;
            }

            foreach (var problem in RequestValidation.Validate(row).ToError("").Fields)
            {
                foreach (var message in problem.Value)
                {
                    errors.Add($"Sections[{i}].Title", message);
                }
            }

            if (sections.Any(s => string.Equals(s.Title, title, StringComparison.CurrentCultureIgnoreCase)))
            {
                errors.Add($"Sections[{i}].Title", L["Reports_TemplateSectionTwice"]);
            }

            var figures = row.Figures.Where(f => !string.IsNullOrWhiteSpace(f)).Distinct().ToList();
            if (figures.Any(f => StatisticCatalogue.Find(f) is null))
            {
                errors.Add($"Sections[{i}].Figures", L["Reports_TemplateUnknownFigure"]);
            }

            // A section keeps its key (the reports' sections are found by it); a new one gets the first free "s{n}".
            var key = row.Key is { Length: > 0 and <= 50 } k && !used.Contains(k) ? k : null;
            for (var n = sections.Count + 1; key is null; n++)
            {
                key = used.Contains($"s{n}") ? null : $"s{n}";
            }

            used.Add(key);
            sections.Add(new TemplateSection(key, title, figures));
        }

        if (sections.Count > ReportTemplateSetting.MaxSections)
        {
            errors.Add("Sections", L["Reports_TemplateTooManySections", ReportTemplateSetting.MaxSections]);
        }

        var template = new ReportTemplate(ReportTemplateSetting.StoredKey, sections);
        if (!errors.Any && ReportTemplates.Check(template) is { } problemKey)
        {
            errors.Add("Sections", L[problemKey]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var setting = await db.ReportTemplateSettings.SingleOrDefaultAsync(
            t => t.UnitId == unitId && t.Kind == kind,
            ct
        );
        if (setting is null)
        {
            if (input.Version != 0)
            {
                return new ConflictError(L["Conflict_ChangedMeanwhile"]);
            }

            setting = new ReportTemplateSetting { UnitId = unitId, Kind = kind };
            db.ReportTemplateSettings.Add(setting);
        }
        else
        {
            db.Entry(setting).Property(t => t.Version).OriginalValue = input.Version;
        }

        setting.Sections = JsonSerializer.Serialize(sections, ReportTemplates.Json);
        setting.DueDay = input.DueDay;
        setting.OpensOnSchedule = input.OpensOnSchedule;
        setting.Regime = input.Regime;
        setting.UpdatedById = user.AccountId ?? 0;
        setting.UpdatedAt = clock.GetUtcNow().ToUniversalTime();
        db.Entry(setting).Property(t => t.Version).IsModified = setting.Id != 0;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another administrator set the template of this kind a moment earlier.
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return setting.Id;
    }

    /// <summary>Puts the kind back to the default template (the province's own is deleted, audited).</summary>
    public async Task<Result<int>> ResetAsync(int unitId, PeriodKind kind, int version, CancellationToken ct)
    {
        var unit = await ProvinceAsync(unitId, ct);
        if (unit is null || !ReportTemplates.Kinds.Contains(kind))
        {
            return new NotFoundError(L["Reports_UnitNotFound"]);
        }

        var setting = await db.ReportTemplateSettings.SingleOrDefaultAsync(
            t => t.UnitId == unitId && t.Kind == kind,
            ct
        );
        if (setting is null)
        {
            return 0;
        }

        db.Entry(setting).Property(t => t.Version).OriginalValue = version;
        db.ReportTemplateSettings.Remove(setting);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return setting.Id;
    }

    /// <summary>The province, when the caller sets its templates; null (not found) otherwise — a unit the caller may
    /// not configure is not revealed.</summary>
    private async Task<Unit?> ProvinceAsync(int unitId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);
        return unit is { Level: UnitLevel.Province, IsActive: true } && user.Can(Permission.ReportsConfigure, unit.Ref)
            ? unit
            : null;
    }
}
