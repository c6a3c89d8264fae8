using System.Linq.Expressions;
using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Web.Features.Personnel;

/// <summary>
/// Who reads, offers and fills a course: one place for the pages, the API and the handlers. A course is read by the
/// personnel view of its unit's subtree and by those of the units below it (to which it is offered); its enrolments by
/// the personnel view over each cadre's unit, so a commune sees only its own cadres in the province's course.
/// </summary>
public static class TrainingRules
{
    /// <summary>The courses the caller reads: offered in the caller's subtrees, or by a unit above them.</summary>
    public static Expression<Func<TrainingCourse, bool>> Visible(ICurrentUser user)
    {
        var own = UnitScope.Rows<TrainingCourse>(user, Permission.PersonnelView);
        if (ProgramAccess.AboveIds(user, Permission.PersonnelView) is not { } above)
        {
            return own;
        }

        return ProgramAccess.Or(own, c => c.UnitLevel == UnitLevel.Central || above.Contains(c.UnitId));
    }

    /// <summary>The same rule in memory, for a course already loaded.</summary>
    public static bool Sees(ICurrentUser user, TrainingCourse course) =>
        user.Can(Permission.PersonnelView, course.Ref)
        || ProgramAccess.IsAbove(user, course.UnitLevel, course.UnitId, Permission.PersonnelView);

    /// <summary>A unit offers courses through its own personnel officers (or those above); a village offers none.</summary>
    public static bool MayOffer(ICurrentUser user, UnitRef unit) =>
        CadreRules.KeepsCadres(unit.Level) && CadreRules.MayEdit(user, unit);

    /// <summary>A course is open to the cadres of its unit's subtree (by the ancestor columns, so a merged unit's
    /// course is open to its successor's cadres).</summary>
    public static bool OpenTo(TrainingCourse course, UnitRef cadre) =>
        course.UnitLevel switch
        {
            UnitLevel.Central => true,
            UnitLevel.Province => cadre.ProvinceId == course.ProvinceId,
            UnitLevel.Commune => cadre.CommuneId == course.CommuneId,
            _ => false,
        };

    /// <summary>A cadre is enrolled by the personnel officers over the cadre's record.</summary>
    public static bool MayEnrol(ICurrentUser user, UnitRef cadre) => CadreRules.MayEdit(user, cadre);

    /// <summary>The result is recorded by the personnel officers over the cadre's unit of enrolment: those of the
    /// offering unit are among them, since a course is open only to its unit's subtree.</summary>
    public static bool MayRecordResult(ICurrentUser user, TrainingEnrolment enrolment) =>
        CadreRules.MayEdit(user, enrolment.Ref);

    /// <summary>Counts toward the figures: a withdrawal before the course is nobody's enrolment.</summary>
    public static bool Counts(EnrolmentStatus status) => status != EnrolmentStatus.Withdrawn;
}
