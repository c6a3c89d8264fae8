using DanVan.Web.Features.Notifications;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

/// <summary>
/// Who hears about a petition's step (in the app, and by e-mail in the daily digest unless urgent): the assigned
/// agency's handlers when something is asked of them, the handling unit's officers when the agency acted or the
/// citizen reopened, both when a deadline passes, and the officers and leaders of the unit above on escalation
/// (urgent). The notices are added to the same save as the step.
/// </summary>
internal sealed class PetitionNotices(DanVanDbContext db, Notifier notifier)
{
    public async Task AfterStepAsync(Petition petition, PetitionAction action, CancellationToken ct)
    {
        switch (action)
        {
            case PetitionAction.Assign:
                await ToAgencyAsync(petition, NotificationKind.PetitionAssigned, ct);
                break;
            case PetitionAction.ApproveExtension or PetitionAction.RefuseExtension:
                await ToAgencyAsync(petition, NotificationKind.ExtensionDecided, ct);
                break;
            case PetitionAction.RequestExtension:
                await ToHandlingUnitAsync(petition, NotificationKind.ExtensionRequested, ct);
                break;
            case PetitionAction.Answer:
                await ToHandlingUnitAsync(petition, NotificationKind.PetitionAnswered, ct);
                break;
            case PetitionAction.Reopen or PetitionAction.CitizenNotSatisfied:
                await ToHandlingUnitAsync(petition, NotificationKind.PetitionReopened, ct);
                break;
        }
    }

    public async Task OverdueAsync(Petition petition, CancellationToken ct)
    {
        await ToAgencyAsync(petition, NotificationKind.PetitionOverdue, ct);
        await ToHandlingUnitAsync(petition, NotificationKind.PetitionOverdue, ct);
    }

    public async Task EscalatedAsync(Petition petition, int unitAbove, CancellationToken ct)
    {
        var accounts = await notifier.AccountsAsync(Role.Officer, unitAbove, null, ct);
        accounts.AddRange(await notifier.AccountsAsync(Role.Leader, unitAbove, null, ct));
        notifier.Notify(accounts, NotificationKind.PetitionEscalated, Subject(petition), Link(petition), urgent: true);
    }

    /// <summary>The conference's unit must publish its results: its officers and leaders hear it.</summary>
    public async Task ConferenceResultsDueAsync(Dialogues.DialogueSession session, CancellationToken ct)
    {
        var accounts = await notifier.AccountsAsync(Role.Officer, session.UnitId, null, ct);
        accounts.AddRange(await notifier.AccountsAsync(Role.Leader, session.UnitId, null, ct));
        notifier.Notify(
            accounts,
            NotificationKind.DialogueResultsDue,
            $"{session.HeldOn.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)} · {session.Topic}",
            $"/dialogues/{session.Id}"
        );
    }

    private async Task ToAgencyAsync(Petition petition, NotificationKind kind, CancellationToken ct)
    {
        if (petition.AssignedOrganizationId is not { } org)
        {
            return;
        }

        var orgUnit = await db
            .Organizations.AsNoTracking()
            .Where(o => o.Id == org)
            .Select(o => o.UnitId)
            .SingleAsync(ct);
        notifier.Notify(
            await notifier.AccountsAsync(Role.AgencyHandler, orgUnit, org, ct),
            kind,
            Subject(petition),
            Link(petition)
        );
    }

    private async Task ToHandlingUnitAsync(Petition petition, NotificationKind kind, CancellationToken ct) =>
        notifier.Notify(
            await notifier.AccountsAsync(Role.Officer, petition.HandlingUnitId, null, ct),
            kind,
            Subject(petition),
            Link(petition)
        );

    /// <summary>
    /// The subject only: no personal data (it is written for the public tracking page), and no tracking code, which is
    /// the
    /// citizen's and reaches only those who hand it over (notices go to agencies, e-mails leave the system).
    /// </summary>
    public static string Subject(Petition p) => p.Title;

    public static string Link(Petition p) => $"/petitions/{p.Id}";

    /// <summary>
    /// Drops the tracking code that notices written before ADR-0016 began their subject with ("ABCDE-FGHJK · subject"):
    /// run once, when the migration that introduced the verdict PIN is applied. Set-based, one statement.
    /// </summary>
    public static Task<int> ScrubCodesAsync(DanVanDbContext db, CancellationToken ct)
    {
        const int prefix = 14; // 11 characters of code, then " · "
        return db
            .Notifications.Where(n =>
                n.Kind != NotificationKind.DialogueResultsDue
                && n.Subject.Length > prefix
                && n.Subject.Substring(5, 1) == "-"
                && n.Subject.Substring(11, 3) == " · "
            )
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Subject, n => n.Subject.Substring(prefix)), ct);
    }
}
