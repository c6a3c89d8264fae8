using System.Globalization;
using System.Text.Json;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PetitionPersonalData = DanVan.Web.Features.Petitions.PersonalData;

namespace DanVan.Web.Features.Privacy;

/// <summary>The one file a data subject receives: every record the handler reaches, each as its own feature exports
/// it, and the parts that others must add.</summary>
public sealed record SubjectDataExport(
    string Request,
    RequestKind Kind,
    DateOnly ReceivedOn,
    SubjectIdentity Subject,
    IReadOnlyList<JsonElement> Petitions,
    IReadOnlyList<JsonElement> Cadres,
    IReadOnlyList<AttendanceExport> Dialogues,
    IReadOnlyList<AccountExport> Accounts,
    IReadOnlyList<HolderKind> NotSearched,
    DateTime ExportedAt
);

public sealed record SubjectIdentity(string Name, string? Phone, string? IdNumber, string? Email);

public sealed record AttendanceExport(string Topic, DateOnly HeldOn, string? Unit, IReadOnlyList<string> Lines);

public sealed record AccountExport(
    string DisplayName,
    string? Email,
    string? Phone,
    string? Unit,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    IReadOnlyList<Role> Roles
);

/// <summary>What an erasure did: records erased, and those changed meanwhile (open the request again and repeat). An
/// erased record no longer carries the identifiers it was found by, so a repeat finds only what is left.</summary>
public sealed record ErasureResult(int Erased, int Conflicts);

/// <summary>
/// Handles a data subject's request across the features: the person's data as one JSON file, and its erasure from every
/// record the handler reaches — petitioners and cadre records through their features' own export and erasure (each
/// audited there), attendance lines removed from dialogue sessions, an account disabled and its name, e-mail and phone
/// replaced. Records, their history and every figure stay (DOMAIN.md §7).
/// </summary>
internal sealed class FulfilPrivacyRequest(
    DanVanDbContext db,
    ICurrentUser user,
    PersonFinder finder,
    PetitionPersonalData petitions,
    GetCadre cadres,
    IStringLocalizer<SharedResource> L
)
{
    /// <summary>An erased account's user name: "erased-42".</summary>
    public const string ErasedAccountPrefix = "erased-";

    public async Task<Result<(string FileName, byte[] Bytes)>> ExportAsync(int id, CancellationToken ct)
    {
        var request = await LoadAsync(id, ct);
        if (request is null)
        {
            return new NotFoundError(L["Privacy_NotFound"]);
        }

        var found = await finder.FindAsync(request, ct);
        var petitionFiles = new List<JsonElement>();
        var cadreFiles = new List<JsonElement>();
        var dialogues = new List<AttendanceExport>();
        var accounts = new List<AccountExport>();
        var needles = PersonFinder.Needles(
            PrivacyRules.Phone(request.SubjectPhone),
            request.SubjectPhone,
            request.SubjectIdNumber
        );
        foreach (var match in found.Matches)
        {
            switch (match.Kind)
            {
                case HolderKind.Petition when await petitions.ExportAsync(match.Id, ct) is { IsOk: true } file:
                    petitionFiles.Add(JsonDocument.Parse(file.Value).RootElement.Clone());
                    break;
                case HolderKind.Cadre when await cadres.ExportAsync(match.Id, ct) is { IsOk: true } file:
                    cadreFiles.Add(JsonDocument.Parse(file.Value).RootElement.Clone());
                    break;
                case HolderKind.Dialogue:
                    var list = await db
                        .Dialogues.Where(d => d.Id == match.Id)
                        .Select(d => d.AttendanceList)
                        .SingleAsync(ct);
                    dialogues.Add(
                        new AttendanceExport(
                            match.Label,
                            match.On!.Value,
                            match.UnitName,
                            [.. PersonFinder.AttendanceLines(list, needles)]
                        )
                    );
                    db.Audit(AuditAction.PersonalDataExported, "DialogueSession", Key(match.Id), request.Ref);
                    break;
                case HolderKind.Account:
                    var account = await db
                        .Users.AsNoTracking()
                        .Include(u => u.Assignments)
                        .SingleAsync(u => u.Id == match.Id, ct);
                    accounts.Add(
                        new AccountExport(
                            account.DisplayName,
                            account.Email,
                            account.PhoneNumber,
                            match.UnitName,
                            account.CreatedAt,
                            account.LastSignInAt,
                            [.. account.Assignments.Select(a => a.Role).Distinct().Order()]
                        )
                    );
                    db.Audit(AuditAction.PersonalDataExported, "Account", Key(match.Id), request.Ref);
                    break;
            }
        }

        db.Audit(
            AuditAction.PersonalDataExported,
            nameof(DataSubjectRequest),
            Key(request.Id),
            request.Ref,
            details: Counts(found)
        );
        await db.SaveChangesAsync(ct);
        var export = new SubjectDataExport(
            PrivacyRules.Code(request.Id),
            request.Kind,
            request.ReceivedOn,
            PrivacyRules.ShowsIdentity(user, request, found)
                ? new SubjectIdentity(
                    request.SubjectName,
                    request.SubjectPhone,
                    request.SubjectIdNumber,
                    request.SubjectEmail
                )
                : new SubjectIdentity(
                    Petitions.PersonalData.MaskName(request.SubjectName) ?? "",
                    Petitions.PersonalData.MaskTail(request.SubjectPhone),
                    Petitions.PersonalData.MaskTail(request.SubjectIdNumber),
                    Petitions.PersonalData.MaskTail(request.SubjectEmail)
                ),
            petitionFiles,
            cadreFiles,
            dialogues,
            accounts,
            found.NotSearched,
            db.UtcNow
        );
        return (
            $"du-lieu-ca-nhan-{PrivacyRules.Code(request.Id).ToLowerInvariant()}.json",
            Infrastructure.Security.PersonalData.ExportJson(export)
        );
    }

    public async Task<Result<ErasureResult>> EraseAsync(int id, CancellationToken ct)
    {
        var request = await LoadAsync(id, ct);
        if (request is null)
        {
            return new NotFoundError(L["Privacy_NotFound"]);
        }

        if (request.Kind != RequestKind.Erasure || !request.IsOpen)
        {
            return new ConflictError(L["Privacy_EraseOnlyOpenErasure"]);
        }

        var found = await finder.FindAsync(request, ct);
        var needles = PersonFinder.Needles(
            PrivacyRules.Phone(request.SubjectPhone),
            request.SubjectPhone,
            request.SubjectIdNumber
        );
        var (erased, conflicts) = (0, 0);
        foreach (var match in found.Matches)
        {
            var ok = match.Kind switch
            {
                HolderKind.Petition => (await petitions.EraseAsync(match.Id, match.Version, ct)).IsOk,
                HolderKind.Cadre => (await cadres.EraseAsync(match.Id, match.Version, ct)).IsOk,
                HolderKind.Dialogue => await EraseAttendanceAsync(match, needles, request, ct),
                _ => await EraseAccountAsync(match.Id, request, ct),
            };
            (erased, conflicts) = ok ? (erased + 1, conflicts) : (erased, conflicts + 1);
        }

        db.Audit(
            AuditAction.PersonalDataErased,
            nameof(DataSubjectRequest),
            Key(request.Id),
            request.Ref,
            details: string.Create(CultureInfo.InvariantCulture, $"erased {erased}, conflicts {conflicts}")
        );
        await db.SaveChangesAsync(ct);
        return new ErasureResult(erased, conflicts);
    }

    /// <summary>Removes the person's lines from a session's attendance list; the counts and the minutes stay.</summary>
    private async Task<bool> EraseAttendanceAsync(
        PersonMatch match,
        IReadOnlyList<string> needles,
        DataSubjectRequest request,
        CancellationToken ct
    )
    {
        var session = await db.Dialogues.SingleAsync(d => d.Id == match.Id, ct);
        db.Entry(session).Property(d => d.Version).OriginalValue = match.Version;
        var kept = (session.AttendanceList ?? "")
            .Split('\n')
            .Where(l => !needles.Any(n => l.Contains(n, StringComparison.Ordinal)))
            .ToList();
        session.AttendanceList =
            kept.Count == 0 || kept.All(string.IsNullOrWhiteSpace) ? null : string.Join('\n', kept);
        db.Audit(AuditAction.PersonalDataErased, "DialogueSession", Key(session.Id), request.Ref);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>
    /// Disables the account and replaces its name, e-mail, user name and phone, in one statement so the old values do
    /// not enter the trail again (its earlier lines keep them: the trail is kept under the statutory duty); its sessions
    /// end with the new security stamp and its tokens are revoked.
    /// </summary>
    private async Task<bool> EraseAccountAsync(int accountId, DataSubjectRequest request, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking().Include(u => u.Assignments).SingleAsync(u => u.Id == accountId, ct);
        if (!finder.MayEraseAccount(account))
        {
            return false;
        }

        var name = ErasedAccountPrefix + Key(accountId);
        var now = db.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db
            .Users.Where(u => u.Id == accountId)
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(u => u.DisplayName, name)
                        .SetProperty(u => u.UserName, name)
                        .SetProperty(u => u.NormalizedUserName, name.ToUpperInvariant())
                        .SetProperty(u => u.Email, (string?)null)
                        .SetProperty(u => u.NormalizedEmail, (string?)null)
                        .SetProperty(u => u.PhoneNumber, (string?)null)
                        .SetProperty(u => u.IsDisabled, true)
                        .SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N"))
                        .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString("N")),
                ct
            );
        await db
            .ApiTokens.Where(t => t.AccountId == accountId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        db.Audit(AuditAction.PersonalDataErased, "Account", Key(accountId), request.Ref);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private Task<DataSubjectRequest?> LoadAsync(int id, CancellationToken ct) =>
        db
            .DataSubjectRequests.AsNoTracking()
            .Where(PrivacyRules.Visible(user))
            .SingleOrDefaultAsync(r => r.Id == id, ct);

    private static string Counts(FoundData found) =>
        string.Join(
            ", ",
            found
                .Matches.GroupBy(m => m.Kind)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}"))
        );

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
}
