using DanVan.Web.Features.Units;

namespace DanVan.Web.Infrastructure.Auth;

/// <summary>The parts of a record that not every role that sees the record may see (QUALITY.md S7).</summary>
public enum SensitiveField
{
    /// <summary>A petition's line in the register: subject, category, place, status, dates, responsible
    /// organization.</summary>
    PetitionRegister,

    /// <summary>The citizen's letter and its handling: content, step notes and names, answer, documents, grouped
    /// petitions.</summary>
    PetitionCase,

    /// <summary>The petitioner, masked (N••• V••• A•••, •••••••678).</summary>
    Petitioner,

    /// <summary>The petitioner in clear: revealed on request, each reveal audited; exported and erased on the subject's
    /// request.</summary>
    PetitionerRevealed,

    /// <summary>The citizen's tracking code (its verdict PIN is shown to nobody after the receipt is issued).</summary>
    TrackingCode,

    /// <summary>The names on a dialogue session's attendance list.</summary>
    AttendanceList,

    /// <summary>An account's roles and the units they apply to.</summary>
    AccountAssignments,

    /// <summary>An account's personal API tokens (name, prefix, use) and their revocation.</summary>
    AccountTokens,

    /// <summary>A cadre's personal data in clear (name, date of birth, ethnicity, Party entry, contact, discipline):
    /// each reveal audited; exported and erased on the subject's request.</summary>
    CadrePersonal,
}

/// <summary>How far from a record a grant's unit may be for the rule to apply.</summary>
public enum Reach
{
    /// <summary>The record lies in the grant's subtree.</summary>
    Subtree,

    /// <summary>The unit that handles the case (a petition's receiving unit) lies in the grant's subtree.</summary>
    HandlingUnit,

    /// <summary>The grant's organization is the one the case is assigned to (or answered it), and the record lies in
    /// the grant's subtree.</summary>
    AssignedOrganization,

    /// <summary>The account's home unit and every unit where it holds a role lie in subtrees where the caller holds the
    /// permissions.</summary>
    ManagedAccount,
}

/// <summary>A role sees <see cref="Field"/> when one grant of it holds every permission in <see cref="Needs"/> at <see
/// cref="Reach"/>.</summary>
public sealed record FieldRule(SensitiveField Field, Permission[] Needs, Reach Reach);

/// <summary>
/// Where a record stands, as far as the field rules ask: its position in the tree, the unit handling it, the
/// organization
/// it is assigned to and those that answered it, or (for an account) the units of its home and its roles.
/// </summary>
public sealed record RecordPosition(
    UnitRef Location,
    UnitRef? Handling = null,
    int? AssignedOrganizationId = null,
    IReadOnlyCollection<int>? AnsweredBy = null,
    IReadOnlyCollection<UnitRef>? AccountUnits = null
);

/// <summary>
/// The one table of which role sees which sensitive field of a record (QUALITY.md S7): the page and the API read the
/// same rule through <see cref="Sees"/> (and petition lists through the SQL built from it). docs/SECURITY.md prints it.
/// </summary>
public static class FieldRules
{
    public static readonly IReadOnlyList<FieldRule> All =
    [
        new(SensitiveField.PetitionRegister, [Permission.PetitionsView], Reach.Subtree),
        new(SensitiveField.PetitionRegister, [Permission.PetitionsAnswer], Reach.AssignedOrganization),
        new(SensitiveField.PetitionCase, [Permission.PetitionsRead], Reach.Subtree),
        new(SensitiveField.PetitionCase, [Permission.PetitionsAnswer], Reach.AssignedOrganization),
        new(SensitiveField.Petitioner, [Permission.PetitionsRead], Reach.Subtree),
        new(SensitiveField.Petitioner, [Permission.PetitionsAnswer], Reach.AssignedOrganization),
        new(
            SensitiveField.PetitionerRevealed,
            [Permission.PetitionsPersonalData, Permission.PetitionsEdit],
            Reach.HandlingUnit
        ),
        new(
            SensitiveField.PetitionerRevealed,
            [Permission.PetitionsPersonalData, Permission.PetitionsAnswer],
            Reach.AssignedOrganization
        ),
        new(SensitiveField.TrackingCode, [Permission.PetitionsEdit], Reach.HandlingUnit),
        new(SensitiveField.AttendanceList, [Permission.DialoguesEdit], Reach.Subtree),
        new(SensitiveField.AccountAssignments, [Permission.AccountsView], Reach.Subtree),
        new(SensitiveField.AccountTokens, [Permission.AccountsManage], Reach.ManagedAccount),
        new(SensitiveField.CadrePersonal, [Permission.PersonnelPersonalData], Reach.Subtree),
    ];

    public static IEnumerable<FieldRule> Of(SensitiveField field) => All.Where(r => r.Field == field);

    public static bool Holds(Role role, FieldRule rule) => rule.Needs.All(p => RolePermissions.Grants(role, p));

    /// <summary>Whether some grant of the caller's could show <paramref name="field"/> of some record: a column or a
    /// search is left out otherwise; each record is still checked with <see cref="Sees"/>.</summary>
    public static bool SeesAnywhere(ICurrentUser user, SensitiveField field) =>
        Of(field).Any(rule => user.Grants.Any(g => Holds(g.Role, rule)));

    /// <summary>Whether the caller sees <paramref name="field"/> of the record at <paramref
    /// name="position"/>.</summary>
    public static bool Sees(ICurrentUser user, SensitiveField field, RecordPosition position) =>
        Of(field)
            .Any(rule =>
                rule.Reach == Reach.ManagedAccount
                    ? ManagesAll(user, rule.Needs, [position.Location, .. position.AccountUnits ?? []])
                    : user.Grants.Any(g => Holds(g.Role, rule) && Within(g, rule.Reach, position))
            );

    /// <summary>Every unit lies in a subtree where the caller holds all <paramref name="needs"/> (each unit may be a
    /// different grant's).</summary>
    public static bool ManagesAll(ICurrentUser user, Permission[] needs, IEnumerable<UnitRef> units) =>
        units.All(unit =>
            user.Grants.Any(g => needs.All(p => RolePermissions.Grants(g.Role, p)) && UnitScope.Contains(g, unit))
        );

    private static bool Within(Grant grant, Reach reach, RecordPosition position) =>
        reach switch
        {
            Reach.Subtree => UnitScope.Contains(grant, position.Location),
            Reach.HandlingUnit => UnitScope.Contains(grant, position.Handling ?? position.Location),
            Reach.AssignedOrganization => grant.OrganizationId is { } org
                && UnitScope.Contains(grant, position.Location)
                && (position.AssignedOrganizationId == org || position.AnsweredBy?.Contains(org) == true),
            _ => false,
        };
}
