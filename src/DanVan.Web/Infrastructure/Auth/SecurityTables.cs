using System.Text;

namespace DanVan.Web.Infrastructure.Auth;

/// <summary>
/// Prints the two tables of docs/SECURITY.md from <see cref="RolePermissions"/> and <see cref="FieldRules"/>, so the
/// document cannot drift from the code: a test compares them and fails with the text to paste.
/// </summary>
public static class SecurityTables
{
    public const string Begin =
        "<!-- generated: SecurityTables.Markdown(); edit RolePermissions or FieldRules, not this block -->";
    public const string End = "<!-- end generated -->";

    /// <summary>What each permission lets its holder do, in the caller's subtree unless said otherwise.</summary>
    public static readonly IReadOnlyDictionary<Permission, string> Meaning = new Dictionary<Permission, string>
    {
        [Permission.UnitsView] = "see the units of the subtree",
        [Permission.UnitsManage] = "create, edit, retire, merge and import units below one's own",
        [Permission.OrganizationsView] = "see the organizations",
        [Permission.OrganizationsManage] = "create and edit organizations",
        [Permission.AccountsView] = "see accounts and their roles",
        [Permission.AccountsManage] =
            "create, edit, disable and enable accounts, set passwords, grant and revoke roles, revoke tokens (ADR-0016)",
        [Permission.AuditView] = "read the audit trail",
        [Permission.ModelsView] = "see the models and their results",
        [Permission.ModelsEdit] = "register and edit models, record results and replications",
        [Permission.ModelsInspect] = "inspect and evaluate models",
        [Permission.ModelsRecognize] = "recognize and commend models",
        [Permission.ModelsConfigure] = "configure fields, indicators and rubrics (system)",
        [Permission.DialoguesView] = "see dialogue sessions, their minutes and conclusions",
        [Permission.DialoguesEdit] = "record and edit dialogue sessions",
        [Permission.PetitionsView] =
            "read the petition register (subject, place, status, dates, agency) and its figures",
        [Permission.PetitionsRead] =
            "read a petition's case: the letter, the notes and names of its steps, the answer, its documents",
        [Permission.PetitionsEdit] =
            "record petitions and take the handling unit's steps (assign, decide, close, redirect, receipts)",
        [Permission.PetitionsAnswer] = "take the agency's steps on the petitions assigned to one's organization",
        [Permission.PetitionsPersonalData] = "reveal the petitioner (audited) where the field rules allow",
        [Permission.PetitionsConfigure] = "configure categories, deadlines and the calendar (system)",
        [Permission.CampaignsView] = "see campaigns and their dashboards",
        [Permission.CampaignsManage] = "create and run campaigns, indicators and targets",
        [Permission.CampaignsReport] = "enter campaign figures",
        [Permission.ReportsView] = "read the periodic reports and reporting rounds",
        [Permission.ReportsWrite] = "write and submit one's own unit's periodic report",
        [Permission.ReportsReview] =
            "return, approve and reopen the reports of the units below (the round's own unit: its leader)",
        [Permission.ReportsOpen] = "open a reporting round for the province's communes",
        [Permission.ReportsConfigure] =
            "set the province's report templates: sections, figures, due day, rounds opened on schedule",
        [Permission.ProgramsView] =
            "read the subtree's work programs and the published programs of the units above, with their coverage",
        [Permission.ProgramsWrite] =
            "draft, submit, publish and amend one's own unit's program, its items and their progress",
        [Permission.ProgramsApprove] = "return or approve one's own unit's program for its committee (a leader)",
        [Permission.PersonnelView] =
            "read the subtree's cadre records: posts and qualifications, the person masked (N••• T••• L•••)",
        [Permission.PersonnelEdit] = "record cadres and their posts (the form holds the person in clear)",
        [Permission.PersonnelPersonalData] =
            "reveal a cadre's personal data (audited), export and erase it on the person's request",
        [Permission.PrivacyRequests] =
            "record data-subject requests of the subtree and handle them: find the person's data in what one's other "
            + "rights reach, hand it over as one file, erase it, close the request (audited)",
    };

    public static readonly IReadOnlyDictionary<SensitiveField, string> FieldMeaning = new Dictionary<
        SensitiveField,
        string
    >
    {
        [SensitiveField.PetitionRegister] =
            "a petition's line in the register: subject, category, place, status, dates, agency",
        [SensitiveField.PetitionCase] =
            "the citizen's letter, the notes and names of the steps, the answer, documents, grouped petitions",
        [SensitiveField.Petitioner] = "the petitioner, masked (N••• V••• A•••)",
        [SensitiveField.PetitionerRevealed] =
            "the petitioner in clear (each reveal audited); export and erasure on request",
        [SensitiveField.TrackingCode] =
            "the citizen's tracking code (the verdict PIN is shown once, on the receipt, to nobody after)",
        [SensitiveField.AttendanceList] = "the names on a dialogue's attendance list",
        [SensitiveField.AccountAssignments] = "an account's roles and units",
        [SensitiveField.AccountTokens] = "an account's API tokens (name, prefix, use) and their revocation",
        [SensitiveField.CadrePersonal] =
            "a cadre's personal data in clear: name, birth, ethnicity, Party entry, contact, discipline (audited)",
    };

    private static readonly IReadOnlyDictionary<Reach, string> ReachWords = new Dictionary<Reach, string>
    {
        [Reach.Subtree] = "in its subtree",
        [Reach.HandlingUnit] = "handled in its subtree",
        [Reach.AssignedOrganization] = "assigned to (or answered by) its organization",
        [Reach.ManagedAccount] = "of accounts it manages",
    };

    public static string Markdown()
    {
        var roles = Enum.GetValues<Role>();
        var text = new StringBuilder();
        text.Append(Begin).Append('\n').Append('\n');
        text.Append(
            "**Roles × permissions** (`RolePermissions`): ✓ = held in the subtree of the unit where the role is assigned.\n\n"
        );
        text.Append("| permission | what it lets one do | ").AppendJoin(" | ", roles.Select(Short)).Append(" |\n");
        text.Append("|---|---|").Append(string.Concat(roles.Select(_ => "---|"))).Append('\n');
        foreach (var permission in Enum.GetValues<Permission>())
        {
            text.Append("| `")
                .Append(permission)
                .Append("` | ")
                .Append(Meaning[permission])
                .Append(" | ")
                .AppendJoin(" | ", roles.Select(r => RolePermissions.Grants(r, permission) ? "✓" : ""))
                .Append(" |\n");
        }

        text.Append(
            "\n**Roles × sensitive fields** (`FieldRules`): where each role sees the field; empty = never.\n\n"
        );
        text.Append("| field | ").AppendJoin(" | ", roles.Select(Short)).Append(" |\n");
        text.Append("|---|").Append(string.Concat(roles.Select(_ => "---|"))).Append('\n');
        foreach (var field in Enum.GetValues<SensitiveField>())
        {
            text.Append("| ")
                .Append(FieldMeaning[field])
                .Append(" | ")
                .AppendJoin(
                    " | ",
                    roles.Select(r =>
                        string.Join(
                            ", ",
                            FieldRules
                                .Of(field)
                                .Where(rule => FieldRules.Holds(r, rule))
                                .Select(rule => ReachWords[rule.Reach])
                                .Distinct()
                        )
                    )
                )
                .Append(" |\n");
        }

        text.Append('\n').Append(End);
        return text.ToString();
    }

    private static string Short(Role role) =>
        role switch
        {
            Role.SystemAdministrator => "system admin",
            Role.UnitAdministrator => "unit admin",
            Role.AgencyHandler => "agency handler",
            Role.PersonnelOfficer => "personnel officer",
            _ => role.ToString().ToLowerInvariant(),
        };
}
