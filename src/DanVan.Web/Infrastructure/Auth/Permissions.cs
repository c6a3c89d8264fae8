namespace DanVan.Web.Infrastructure.Auth;

/// <summary>The roles an assignment can hold. A role applies to the assignment's unit and its subtree.</summary>
public enum Role
{
    SystemAdministrator = 1,
    UnitAdministrator = 2,
    Leader = 3,
    Officer = 4,
    AgencyHandler = 5,
    Viewer = 6,

    /// <summary>Cán bộ tổ chức: keeps the cadre records of the subtree and sees their personal data.</summary>
    PersonnelOfficer = 7,
}

/// <summary>What an account may do. Each feature adds its own; one policy exists per permission.</summary>
public enum Permission
{
    UnitsView,
    UnitsManage,
    OrganizationsView,
    OrganizationsManage,
    AccountsView,
    AccountsManage,
    AuditView,
    ModelsView,
    ModelsEdit,
    ModelsInspect,
    ModelsRecognize,
    ModelsConfigure,
    DialoguesView,
    DialoguesEdit,
    PetitionsView,
    PetitionsRead,
    PetitionsEdit,
    PetitionsAnswer,
    PetitionsPersonalData,
    PetitionsConfigure,
    CampaignsView,
    CampaignsManage,
    CampaignsReport,
    ReportsView,
    ReportsWrite,
    ReportsReview,
    ReportsOpen,
    ReportsConfigure,
    ProgramsView,
    ProgramsWrite,
    ProgramsApprove,
    PersonnelView,
    PersonnelEdit,
    PersonnelPersonalData,
    PrivacyRequests,
}

/// <summary>
/// The one table that maps roles to permissions (STYLE.md 8). Each role holds what its work needs (PRODUCT.md "Who uses
/// it") and nothing more; which fields of a record a permission opens is <see cref="FieldRules"/>. docs/SECURITY.md
/// prints both tables from here (a test fails when the document drifts).
/// </summary>
public static class RolePermissions
{
    /// <summary>What every staff role reads in its subtree: the tree, the organizations, models, dialogues and
    /// campaigns.</summary>
    private static readonly Permission[] Staff =
    [
        Permission.UnitsView,
        Permission.OrganizationsView,
        Permission.ModelsView,
        Permission.DialoguesView,
        Permission.CampaignsView,
        Permission.ProgramsView,
    ];

    private static readonly IReadOnlyDictionary<Role, HashSet<Permission>> Table = new Dictionary<
        Role,
        HashSet<Permission>
    >
    {
        [Role.SystemAdministrator] = [.. Enum.GetValues<Permission>()],
        // Accounts and reference data; of petitions only the register and the figures, never a citizen's letter.
        [Role.UnitAdministrator] =
        [
            .. Staff,
            Permission.PetitionsView,
            Permission.UnitsManage,
            Permission.OrganizationsManage,
            Permission.AccountsView,
            Permission.AccountsManage,
            Permission.AuditView,
            Permission.ReportsView,
            Permission.ReportsOpen,
            Permission.ReportsConfigure,
            Permission.PrivacyRequests,
        ],
        [Role.Leader] =
        [
            .. Staff,
            Permission.PetitionsView,
            Permission.PetitionsRead,
            Permission.AccountsView,
            Permission.AuditView,
            Permission.ModelsInspect,
            Permission.ModelsRecognize,
            Permission.DialoguesEdit,
            Permission.PetitionsEdit,
            Permission.CampaignsManage,
            Permission.ReportsView,
            Permission.ReportsWrite,
            Permission.ReportsReview,
            Permission.ReportsOpen,
            Permission.ProgramsWrite,
            Permission.ProgramsApprove,
            Permission.PersonnelView,
        ],
        [Role.Officer] =
        [
            .. Staff,
            Permission.PetitionsView,
            Permission.PetitionsRead,
            Permission.ModelsEdit,
            Permission.ModelsInspect,
            Permission.DialoguesEdit,
            Permission.PetitionsEdit,
            Permission.PetitionsPersonalData,
            Permission.CampaignsManage,
            Permission.CampaignsReport,
            Permission.ReportsView,
            Permission.ReportsWrite,
            Permission.ReportsReview,
            Permission.ReportsOpen,
            Permission.ProgramsWrite,
            Permission.PersonnelView,
            Permission.PrivacyRequests,
        ],
        // The petitions assigned to the handler's organization (and those it answered), nothing else of petitions:
        // PetitionsAnswer opens them through FieldRules' AssignedOrganization reach, not the whole subtree.
        [Role.AgencyHandler] = [.. Staff, Permission.PetitionsAnswer, Permission.PetitionsPersonalData],
        // A reader of statistics and registers, not of citizens' letters.
        [Role.Viewer] = [.. Staff, Permission.PetitionsView, Permission.ReportsView],
        // The cadre records of the subtree, with their personal data; nothing of petitions, reports or accounts.
        [Role.PersonnelOfficer] =
        [
            .. Staff,
            Permission.PersonnelView,
            Permission.PersonnelEdit,
            Permission.PersonnelPersonalData,
            Permission.PrivacyRequests,
        ],
    };

    public static bool Grants(Role role, Permission permission) => Table[role].Contains(permission);

    public static IReadOnlySet<Permission> Of(Role role) => Table[role];

    /// <summary>Roles that must sign in with a second factor (QUALITY.md S4).</summary>
    public static bool RequiresTwoFactor(Role role) =>
        role is Role.SystemAdministrator or Role.UnitAdministrator or Role.Leader;

    public static string PolicyName(Permission permission) => "perm:" + permission;
}

/// <summary>Policy names for [Authorize(Policy = …)] on pages: one per permission.</summary>
public static class Policies
{
    public const string UnitsView = "perm:" + nameof(Permission.UnitsView);
    public const string UnitsManage = "perm:" + nameof(Permission.UnitsManage);
    public const string OrganizationsView = "perm:" + nameof(Permission.OrganizationsView);
    public const string OrganizationsManage = "perm:" + nameof(Permission.OrganizationsManage);
    public const string AccountsView = "perm:" + nameof(Permission.AccountsView);
    public const string AccountsManage = "perm:" + nameof(Permission.AccountsManage);
    public const string AuditView = "perm:" + nameof(Permission.AuditView);
    public const string ModelsView = "perm:" + nameof(Permission.ModelsView);
    public const string ModelsEdit = "perm:" + nameof(Permission.ModelsEdit);
    public const string ModelsConfigure = "perm:" + nameof(Permission.ModelsConfigure);
    public const string DialoguesView = "perm:" + nameof(Permission.DialoguesView);
    public const string DialoguesEdit = "perm:" + nameof(Permission.DialoguesEdit);
    public const string PetitionsView = "perm:" + nameof(Permission.PetitionsView);

    /// <summary>The petition pages an agency handler reaches too (the register, or the petitions assigned to
    /// it).</summary>
    public const string PetitionsAccess = "petitions";
    public const string PetitionsEdit = "perm:" + nameof(Permission.PetitionsEdit);
    public const string PetitionsConfigure = "perm:" + nameof(Permission.PetitionsConfigure);
    public const string CampaignsView = "perm:" + nameof(Permission.CampaignsView);
    public const string CampaignsManage = "perm:" + nameof(Permission.CampaignsManage);
    public const string CampaignsReport = "perm:" + nameof(Permission.CampaignsReport);
    public const string ReportsView = "perm:" + nameof(Permission.ReportsView);
    public const string ReportsOpen = "perm:" + nameof(Permission.ReportsOpen);
    public const string ReportsConfigure = "perm:" + nameof(Permission.ReportsConfigure);
    public const string ProgramsView = "perm:" + nameof(Permission.ProgramsView);
    public const string ProgramsWrite = "perm:" + nameof(Permission.ProgramsWrite);
    public const string PersonnelView = "perm:" + nameof(Permission.PersonnelView);
    public const string PersonnelEdit = "perm:" + nameof(Permission.PersonnelEdit);
    public const string PrivacyRequests = "perm:" + nameof(Permission.PrivacyRequests);
}
