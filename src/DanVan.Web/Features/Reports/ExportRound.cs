using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Reports;

/// <summary>
/// A round's reports as .xlsx or .csv: the rows its page shows (<see cref="ReadRounds.RoundAsync"/>, so the same
/// reports the caller may see) — unit, status, late, submitted at (Vietnam time), reporting for, the reason of a
/// return. Audited.
/// </summary>
public sealed class ExportRound(
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ReadRounds read,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<IResult?> HandleAsync(int id, ExportFormat format, CancellationToken ct)
    {
        if (await read.RoundAsync(id, ct) is not { } round)
        {
            return null;
        }

        string[] headers =
        [
            L["Field_Unit"],
            L["Reports_Status"],
            L["Reports_Late"],
            L["Reports_SubmittedAt"],
            L["Reports_Note"],
            L["Field_Reason"],
        ];
        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(ReportingRound),
            id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            user.Active?.Unit,
            $"format={format}; round={id}"
        );
        await primary.SaveChangesAsync(ct);
        var rows = round.Reports.Select(r =>
            (object?[])
                [
                    r.UnitName,
                    L.Enum(r.Status),
                    r.Late ? L["Common_Yes"].Value : L["Common_No"].Value,
                    r.SubmittedAt is { } at ? VietnamTime.FromUtc(at.UtcDateTime) : null,
                    r.ReportsFor is { } merged ? L["Reports_ReportsFor", merged].Value : null,
                    r.Status == ReportStatus.Returned ? r.ReturnReason : null,
                ]
        );
        return await TableExport.ResultAsync(
            format,
            $"bao-cao-{round.Round.From:yyyy-MM}-{round.Round.Kind.ToString().ToLowerInvariant()}",
            headers,
            rows,
            ct
        );
    }
}
