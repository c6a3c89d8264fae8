using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Reports;

/// <summary>A section's narrative as the unit writes it: plain paragraphs, a line starting with "- " a list item.</summary>
public sealed class SectionInput
{
    [MaxChars(50)]
    public string Key { get; set; } = "";

    [MaxChars(ReportSection.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Narrative), ResourceType = typeof(SharedResource))]
    public string? Text { get; set; }
}

/// <summary>What the unit edits on an open report: the document's header and signature, and the narrative.</summary>
public sealed class ReportInput
{
    public int Version { get; set; }

    [RequiredField, MaxChars(UnitReport.HeaderLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_ParentBody), ResourceType = typeof(SharedResource))]
    public string? ParentBody { get; set; }

    [RequiredField, MaxChars(UnitReport.HeaderLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_IssuingBody), ResourceType = typeof(SharedResource))]
    public string? IssuingBody { get; set; }

    [RequiredField, MaxChars(50), PlainText]
    [Display(Name = nameof(SharedResource.Field_Abbreviation), ResourceType = typeof(SharedResource))]
    public string? Abbreviation { get; set; }

    [RequiredField, MaxChars(100), PlainText]
    [Display(Name = nameof(SharedResource.Field_Place), ResourceType = typeof(SharedResource))]
    public string? Place { get; set; }

    [Range(
        1,
        99999,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    [Display(Name = nameof(SharedResource.Field_DocumentNumber), ResourceType = typeof(SharedResource))]
    public int? Number { get; set; }

    [RequiredField, MaxChars(UnitReport.HeaderLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_SignerAuthority), ResourceType = typeof(SharedResource))]
    public string? SignerAuthority { get; set; }

    [MaxChars(UnitReport.HeaderLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_SignerTitle), ResourceType = typeof(SharedResource))]
    public string? SignerTitle { get; set; }

    [MaxChars(UnitReport.HeaderLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_SignerName), ResourceType = typeof(SharedResource))]
    public string? SignerName { get; set; }

    [MaxChars(UnitReport.RecipientsLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Recipients), ResourceType = typeof(SharedResource))]
    public string? Recipients { get; set; }

    public List<SectionInput> Sections { get; set; } = [];

    public static ReportInput From(UnitReport report, IEnumerable<ReportSection> sections) =>
        new()
        {
            Version = report.Version,
            ParentBody = report.ParentBody,
            IssuingBody = report.IssuingBody,
            Abbreviation = report.Abbreviation,
            Place = report.Place,
            Number = report.Number,
            SignerAuthority = report.SignerAuthority,
            SignerTitle = report.SignerTitle,
            SignerName = report.SignerName,
            Recipients = report.Recipients,
            Sections = [.. sections.Select(s => new SectionInput { Key = s.Key, Text = s.Text })],
        };
}

/// <summary>
/// Saves an open report (draft or returned) for its unit's writers: header, signature and narrative. A locked,
/// approved or submitted report is refused; so is a section the report does not have. Text is kept as typed — plain,
/// never HTML — with line endings made "\n".
/// </summary>
public sealed class SaveReport(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int id, ReportInput input, CancellationToken ct)
    {
        var report = await db.UnitReports.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null || !user.Can(Permission.ReportsView, UnitScope.ScopeOf(report)))
        {
            return new NotFoundError(L["Reports_NotFound"]);
        }

        if (!ReportRules.MayWrite(user, report))
        {
            return new ForbiddenError(L["Reports_CannotEdit"]);
        }

        if (!report.IsOpen)
        {
            return new ConflictError(L["Reports_NotOpen", L.Enum(report.Status)]);
        }

        var errors = RequestValidation.Validate(input);
        var sections = await db.ReportSections.Where(s => s.ReportId == id).OrderBy(s => s.Order).ToListAsync(ct);
        var byKey = sections.ToDictionary(s => s.Key);
        for (var i = 0; i < input.Sections.Count; i++)
        {
            var section = input.Sections[i];
            var field = $"Sections[{i}].Text";
            if (!byKey.ContainsKey(section.Key ?? ""))
            {
                errors.Add(field, L["Reports_UnknownSection"]);
                continue;
            }

            foreach (var problem in RequestValidation.Validate(section).ToError("").Fields)
            {
                foreach (var message in problem.Value)
                {
                    errors.Add(field, message);
                }
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        db.Entry(report).Property(r => r.Version).OriginalValue = input.Version;
        report.ParentBody = input.ParentBody!.Trim();
        report.IssuingBody = input.IssuingBody!.Trim();
        report.Abbreviation = input.Abbreviation!.Trim();
        report.Place = input.Place!.Trim();
        report.Number = input.Number;
        report.SignerAuthority = input.SignerAuthority!.Trim();
        report.SignerTitle = Clean(input.SignerTitle);
        report.SignerName = Clean(input.SignerName);
        report.Recipients = Clean(input.Recipients);
        foreach (var section in input.Sections)
        {
            byKey[section.Key].Text = Clean(section.Text);
        }

        // Saving the narrative alone still moves the report's version, so two editors cannot overwrite each other.
        db.Entry(report).Property(r => r.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return report.Id;
    }

    private static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
}
