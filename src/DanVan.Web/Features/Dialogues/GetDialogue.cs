using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Dialogues;

public sealed record DialogueDetail(
    DialogueSession Session,
    string UnitName,
    IReadOnlyList<DialogueCheck> Checks,
    IReadOnlyList<DialoguePetitionRow> Petitions,
    bool MayEdit,
    bool MayRecordPetitions
);

public sealed record DialogueApiDetail(
    int Id,
    int UnitId,
    string UnitName,
    DialogueType Type,
    DateOnly HeldOn,
    TimeOnly? StartsAt,
    DialogueFormat Format,
    string? Place,
    string? OnlineLink,
    string Topic,
    string ChairName,
    string? ChairPosition,
    string? ChairOrganization,
    string? CoChairs,
    bool HeldByPartyHead,
    int CitizenCount,
    int BusinessCount,
    int OfficialCount,
    string? AttendanceList,
    string? Minutes,
    string? Conclusions,
    DateOnly? NoticePublishedOn,
    DateOnly? ResultsPublishedOn,
    int Version,
    IReadOnlyList<DialogueCheck> Checks,
    IReadOnlyList<DialoguePetitionRow> Petitions
)
{
    public static DialogueApiDetail From(DialogueDetail x)
    {
        var d = x.Session;
        return new(
            d.Id,
            d.UnitId,
            x.UnitName,
            d.Type,
            d.HeldOn,
            d.StartsAt,
            d.Format,
            d.Place,
            d.OnlineLink,
            d.Topic,
            d.ChairName,
            d.ChairPosition,
            d.ChairOrganization,
            d.CoChairs,
            d.HeldByPartyHead,
            d.CitizenCount,
            d.BusinessCount,
            d.OfficialCount,
            d.AttendanceList,
            d.Minutes,
            d.Conclusions,
            d.NoticePublishedOn,
            d.ResultsPublishedOn,
            d.Version,
            x.Checks,
            x.Petitions
        );
    }
}

/// <summary>
/// One dialogue session in the caller's subtree, with its rule checks and the petitions raised in it that the caller
/// sees. The attendance list (citizens' names) is cleared on the detached session unless <see cref="FieldRules"/> gives
/// the caller <see cref="SensitiveField.AttendanceList"/>: the page and the API both read it from here.
/// </summary>
internal sealed class GetDialogue(DanVanDbContext db, ICurrentUser user, TimeProvider clock, IDialoguePetitions raised)
{
    public async Task<DialogueDetail?> HandleAsync(int id, CancellationToken ct)
    {
        var row = await db
            .Dialogues.AsNoTracking()
            .Where(d => d.Id == id)
            .Where(UnitScope.Rows<DialogueSession>(user, Permission.DialoguesView))
            .Select(d => new { Session = d, Unit = db.Units.Where(u => u.Id == d.UnitId).Select(u => u.Name).Single() })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var petitions = await raised.VisibleAsync(id, ct);
        if (!FieldRules.Sees(user, SensitiveField.AttendanceList, new RecordPosition(row.Session.Ref)))
        {
            row.Session.AttendanceList = null;
        }

        // Petitions are recorded once the session has taken place.
        var today = VietnamTime.Today(clock);
        return new DialogueDetail(
            row.Session,
            row.Unit,
            DialogueRules.Check(row.Session, today),
            petitions,
            user.Can(Permission.DialoguesEdit, row.Session.Ref),
            user.Can(Permission.PetitionsEdit, row.Session.Ref) && row.Session.HeldOn <= today
        );
    }
}
