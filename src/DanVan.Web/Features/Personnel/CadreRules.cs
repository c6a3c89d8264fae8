using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Web.Features.Personnel;

/// <summary>
/// Who may do what to a cadre's record, and the rules of its dates: one place for the pages, the API and the handlers.
/// </summary>
public static class CadreRules
{
    public const int MinimumAge = 18;
    public const int MaximumAge = 80;

    /// <summary>The units that keep cadre records: the central, provincial and commune levels (a village has no
    /// mass-mobilization body).</summary>
    public static bool KeepsCadres(UnitLevel level) => level != UnitLevel.Village;

    public static bool Sees(ICurrentUser user, Cadre cadre) => user.Can(Permission.PersonnelView, cadre.Ref);

    public static bool MayEdit(ICurrentUser user, UnitRef unit) =>
        user.Can(Permission.PersonnelEdit, unit) && FieldRules.Sees(user, SensitiveField.CadrePersonal, new(unit));

    /// <summary>The personal data in clear: the one field rule (<see cref="SensitiveField.CadrePersonal"/>).</summary>
    public static bool MayReveal(ICurrentUser user, Cadre cadre) =>
        cadre.ErasedAt is null && FieldRules.Sees(user, SensitiveField.CadrePersonal, new RecordPosition(cadre.Ref));

    /// <summary>The posts that one person at a time holds in a body.</summary>
    public static bool IsSingleHolder(CadrePost post) => post is CadrePost.Head or CadrePost.StandingDeputy;

    /// <summary>Age in whole years on <paramref name="day"/>.</summary>
    public static int AgeOn(DateOnly birth, DateOnly day) =>
        day.Year - birth.Year - (day < birth.AddYears(day.Year - birth.Year) ? 1 : 0);

    /// <summary>"Nguyễn Thị Lan" → "N••• T••• L•••": enough to tell two cadres apart on a list, not to identify
    /// one.</summary>
    public static string Mask(string? name) => Petitions.PersonalData.MaskName(name) ?? "••••••";

    public static string? Clean(string? text) => Programs.ProgramRules.Clean(text);
}
