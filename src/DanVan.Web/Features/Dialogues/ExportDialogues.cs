using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Dialogues;

/// <summary>
/// The dialogue list as .csv or .xlsx: the rows and filters of the list (read by <see cref="ListDialogues"/> itself, page
/// after page), dates and counts as real cells, the rules' warnings in words. Audited as an export.
/// </summary>
internal sealed class ExportDialogues(
    ListDialogues list,
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<IResult> HandleAsync(DialogueQuery query, ExportFormat format, CancellationToken ct)
    {
        string[] headers =
        [
            L["Export_Id"],
            L["Field_HeldOn"],
            L["Field_Topic"],
            L["Field_DialogueType"],
            L["Field_Unit"],
            L["Dialogues_Participants"],
            L["Dialogues_PetitionCount"],
            L["Dialogues_Rules"],
        ];
        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(DialogueSession),
            null,
            user.Active?.Unit,
            $"format={format}; unit={query.UnitId}; type={query.Type}; year={query.Year}; upcoming={query.Upcoming}; warnings={query.Warnings}; q={query.Q}"
        );
        await primary.SaveChangesAsync(ct);
        var rows = ListExport
            .AllPages(after => list.HandleAsync(query with { After = after, Limit = ListExport.PageSize }, ct))
            .Select(d =>
                (object?[])
                    [
                        d.Id,
                        d.HeldOn,
                        d.Topic,
                        L.Enum(d.Type),
                        d.UnitName,
                        d.Participants,
                        d.Petitions,
                        string.Join("; ", d.Checks.Select(c => L.Enum(c.Warning))),
                    ]
            );
        return await TableExport.ResultAsync(format, "doi-thoai", headers, rows, ct);
    }
}
