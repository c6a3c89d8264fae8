using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Privacy;

/// <summary>Where a person's data is held.</summary>
public enum HolderKind
{
    Petition = 1,
    Cadre = 2,
    Dialogue = 3,
    Account = 4,
}

/// <summary>A record holding the person's data that the caller may hand over and erase (an erased record no longer
/// holds the identifiers it is found by).</summary>
public sealed record PersonMatch(
    HolderKind Kind,
    int Id,
    int Version,
    string Label,
    string? UnitName,
    DateOnly? On,
    string Link
);

/// <summary>What was found, and the features the caller's rights do not reach (someone else handles that
/// part).</summary>
public sealed record FoundData(IReadOnlyList<PersonMatch> Matches, IReadOnlyList<HolderKind> NotSearched);

/// <summary>
/// Finds a data subject's records in every feature that holds personal data — petitioners, cadre records, dialogue
/// attendance lists, accounts — by the identifiers the request gives (ID number, phone, e-mail; never the name alone).
/// Each feature is searched only as far as the caller's own rights over that feature's personal data reach, by that
/// feature's rule: <see cref="Petitions.PersonalData.HandlesRequests"/>, <see cref="CadreRules.MayReveal"/>,
/// <see cref="SensitiveField.AttendanceList"/>, an account's manager (<see cref="FieldRules.ManagesAll"/>). A search
/// reads a subtree's rows by their ancestor columns; it runs when a request is opened, not on every list.
/// </summary>
internal sealed class PersonFinder(DanVanDbContext db, ICurrentUser user)
{
    public const int MaxPerKind = 200;

    public async Task<FoundData> FindAsync(DataSubjectRequest request, CancellationToken ct)
    {
        var phone = PrivacyRules.Phone(request.SubjectPhone);
        var idNumber = request.SubjectIdNumber;
        var email = request.SubjectEmail?.ToUpperInvariant();
        var found = new List<PersonMatch>();
        var notSearched = new List<HolderKind>();

        if (FieldRules.SeesAnywhere(user, SensitiveField.PetitionerRevealed))
        {
            found.AddRange(await PetitionsAsync(phone, idNumber, ct));
        }
        else
        {
            notSearched.Add(HolderKind.Petition);
        }

        if (user.Can(Permission.PersonnelPersonalData))
        {
            found.AddRange(await CadresAsync(phone, email, ct));
        }
        else
        {
            notSearched.Add(HolderKind.Cadre);
        }

        if (FieldRules.SeesAnywhere(user, SensitiveField.AttendanceList))
        {
            found.AddRange(await DialoguesAsync(phone, request.SubjectPhone?.Trim(), idNumber, ct));
        }
        else
        {
            notSearched.Add(HolderKind.Dialogue);
        }

        if (user.Can(Permission.AccountsManage))
        {
            found.AddRange(await AccountsAsync(phone, email, ct));
        }
        else
        {
            notSearched.Add(HolderKind.Account);
        }

        return new FoundData(found, notSearched);
    }

    private async Task<IEnumerable<PersonMatch>> PetitionsAsync(string? phone, string? idNumber, CancellationToken ct)
    {
        if (phone is null && idNumber is null)
        {
            return [];
        }

        var rows = await db
            .Petitions.AsNoTracking()
            .Where(PetitionAccess.Where(db, user, SensitiveField.PetitionRegister))
            .Where(p =>
                (idNumber != null && p.PetitionerIdNumber == idNumber)
                || (
                    phone != null
                    && p.PetitionerPhone != null
                    && p.PetitionerPhone.Replace(" ", "").Replace(".", "") == phone
                )
            )
            .OrderBy(p => p.Id)
            .Take(MaxPerKind)
            .ToListAsync(ct);
        var names = await UnitNamesAsync([.. rows.Select(p => p.HandlingUnitId)], ct);
        return rows.Where(p => Petitions.PersonalData.HandlesRequests(user, p))
            .Select(p => new PersonMatch(
                HolderKind.Petition,
                p.Id,
                p.Version,
                p.Title,
                names.GetValueOrDefault(p.HandlingUnitId),
                p.ReceivedOn,
                $"/petitions/{p.Id}"
            ));
    }

    private async Task<IEnumerable<PersonMatch>> CadresAsync(string? phone, string? email, CancellationToken ct)
    {
        if (phone is null && email is null)
        {
            return [];
        }

        var rows = await db
            .Cadres.AsNoTracking()
            .Where(UnitScope.Rows<Cadre>(user, Permission.PersonnelPersonalData))
            .Where(c =>
                (email != null && c.Email != null && c.Email.ToUpper() == email)
                || (phone != null && c.Phone != null && c.Phone.Replace(" ", "").Replace(".", "") == phone)
            )
            .OrderBy(c => c.Id)
            .Take(MaxPerKind)
            .ToListAsync(ct);
        var names = await UnitNamesAsync([.. rows.Select(c => c.UnitId)], ct);
        return rows.Where(c => CadreRules.MayReveal(user, c))
            .Select(c => new PersonMatch(
                HolderKind.Cadre,
                c.Id,
                c.Version,
                CadreRules.Mask(c.FullName),
                names.GetValueOrDefault(c.UnitId),
                null,
                $"/cadres/{c.Id}"
            ));
    }

    private async Task<IEnumerable<PersonMatch>> DialoguesAsync(
        string? phone,
        string? phoneAsGiven,
        string? idNumber,
        CancellationToken ct
    )
    {
        var needles = Needles(phone, phoneAsGiven, idNumber);
        if (needles.Count == 0)
        {
            return [];
        }

        var (a, b, c) = (
            needles[0],
            needles.ElementAtOrDefault(1) ?? needles[0],
            needles.ElementAtOrDefault(2) ?? needles[0]
        );
        var rows = await db
            .Dialogues.AsNoTracking()
            .Where(UnitScope.Rows<DialogueSession>(user, Permission.DialoguesEdit))
            .Where(d =>
                d.AttendanceList != null
                && (d.AttendanceList.Contains(a) || d.AttendanceList.Contains(b) || d.AttendanceList.Contains(c))
            )
            .OrderBy(d => d.Id)
            .Take(MaxPerKind)
            .ToListAsync(ct);
        var names = await UnitNamesAsync([.. rows.Select(d => d.UnitId)], ct);
        return rows.Where(d =>
                FieldRules.Sees(user, SensitiveField.AttendanceList, new RecordPosition(d.Ref))
                && AttendanceLines(d.AttendanceList, needles).Any()
            )
            .Select(d => new PersonMatch(
                HolderKind.Dialogue,
                d.Id,
                d.Version,
                d.Topic,
                names.GetValueOrDefault(d.UnitId),
                d.HeldOn,
                $"/dialogues/{d.Id}"
            ));
    }

    private async Task<IEnumerable<PersonMatch>> AccountsAsync(string? phone, string? email, CancellationToken ct)
    {
        if (phone is null && email is null)
        {
            return [];
        }

        var rows = await db
            .Users.AsNoTracking()
            .Where(UnitScope.Accounts(user, Permission.AccountsManage))
            .Where(u =>
                (email != null && u.NormalizedEmail == email)
                || (phone != null && u.PhoneNumber != null && u.PhoneNumber.Replace(" ", "").Replace(".", "") == phone)
            )
            .Include(u => u.Assignments)
            .OrderBy(u => u.Id)
            .Take(MaxPerKind)
            .ToListAsync(ct);
        var names = await UnitNamesAsync([.. rows.Select(u => u.HomeUnitId)], ct);
        return rows.Where(u => MayEraseAccount(u))
            .Select(u => new PersonMatch(
                HolderKind.Account,
                u.Id,
                0,
                u.DisplayName,
                names.GetValueOrDefault(u.HomeUnitId),
                null,
                $"/accounts/{u.Id}"
            ));
    }

    /// <summary>An account is the subject's to hand over and erase by those who manage it wherever it works (the rule
    /// of its tokens), never by itself.</summary>
    public bool MayEraseAccount(Accounts.Account account) =>
        account.Id != user.AccountId
        && FieldRules.ManagesAll(
            user,
            [Permission.AccountsManage],
            [UnitScope.ScopeOf(account), .. account.Assignments.Select(UnitScope.ScopeOf)]
        );

    /// <summary>The strings an attendance line of the person contains: the ID number, the phone in digits, the phone
    /// as the person gave it.</summary>
    public static List<string> Needles(string? phone, string? phoneAsGiven, string? idNumber) =>
        new[] { idNumber, phone, phoneAsGiven }
            .Where(n => !string.IsNullOrWhiteSpace(n) && n.Length >= 8)
            .Distinct()
            .ToList()!;

    /// <summary>The lines of an attendance list that name the person.</summary>
    public static IEnumerable<string> AttendanceLines(string? list, IReadOnlyList<string> needles) =>
        (list ?? "")
            .Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => needles.Any(n => l.Contains(n, StringComparison.Ordinal)));

    private async Task<Dictionary<int, string>> UnitNamesAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ids.Count == 0
            ? []
            : await db
                .Units.AsNoTracking()
                .Where(u => ids.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
}
