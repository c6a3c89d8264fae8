using DanVan.Web.Features.Units;

namespace DanVan.Web.Infrastructure.Auth;

/// <summary>One assignment of the signed-in account, with the position of its unit in the tree.</summary>
public sealed record Grant(
    int AssignmentId,
    Role Role,
    int UnitId,
    string UnitName,
    UnitLevel Level,
    int? ProvinceId,
    int? CommuneId,
    int? VillageId,
    int? OrganizationId
)
{
    public UnitRef Unit => new(UnitId, Level, ProvinceId, CommuneId, VillageId);
}

/// <summary>Who is acting in this request, and through which assignments.</summary>
public interface ICurrentUser
{
    int? AccountId { get; }
    string? DisplayName { get; }
    bool IsAuthenticated { get; }

    /// <summary>The account's assignments in units still in force; empty when signed out or disabled.</summary>
    IReadOnlyList<Grant> Grants { get; }

    /// <summary>The unit the account works in now (home page, breadcrumbs, default filters).</summary>
    Grant? Active { get; }

    /// <summary>The address the request came from, for the audit trail of security events.</summary>
    string? RemoteAddress { get; }
}

/// <summary>The request-scoped current user, filled once per request by <see cref="CurrentUserMiddleware"/>.</summary>
public sealed class CurrentUser : ICurrentUser
{
    public int? AccountId { get; private set; }
    public string? DisplayName { get; private set; }
    public bool IsAuthenticated => AccountId is not null;
    public IReadOnlyList<Grant> Grants { get; private set; } = [];
    public Grant? Active { get; private set; }
    public string? RemoteAddress { get; set; }
    public bool TwoFactorEnabled { get; private set; }

    /// <summary>The account's unread notifications, counted in the same statement that loads the account (the header's
    /// badge).</summary>
    public int UnreadNotifications { get; private set; }

    /// <summary>True while the account's password is one an administrator chose (ASVS V6.4.1): the person sets their
    /// own before anything else.</summary>
    public bool MustChangePassword { get; private set; }

    /// <summary>True when a role of this account demands a second factor that is not set up yet.</summary>
    public bool MustEnrollTwoFactor =>
        IsAuthenticated && !TwoFactorEnabled && Grants.Any(g => RolePermissions.RequiresTwoFactor(g.Role));

    public void SignedIn(
        int accountId,
        string displayName,
        bool twoFactorEnabled,
        IReadOnlyList<Grant> grants,
        int? activeUnitId,
        int unreadNotifications = 0,
        bool mustChangePassword = false
    )
    {
        AccountId = accountId;
        MustChangePassword = mustChangePassword;
        UnreadNotifications = unreadNotifications;
        DisplayName = displayName;
        TwoFactorEnabled = twoFactorEnabled;
        Grants = grants;
        Active = grants.FirstOrDefault(g => g.UnitId == activeUnitId)
            ?? grants.OrderBy(g => g.Level).ThenBy(g => g.Role).FirstOrDefault();
    }

    /// <summary>An account acting before its session exists (while it signs in): named in the trail, no
    /// grants.</summary>
    public static CurrentUser Signing(int accountId, string displayName) =>
        new() { AccountId = accountId, DisplayName = displayName };

    /// <summary>The identity of operator commands and seeding: the whole tree, as a system administrator.</summary>
    public static CurrentUser System(int rootUnitId) => SystemUser(rootUnitId);

    private static CurrentUser SystemUser(int rootUnitId)
    {
        var user = new CurrentUser { DisplayName = "system" };
        user.Grants =
        [
            new Grant(0, Role.SystemAdministrator, rootUnitId, "", UnitLevel.Central, null, null, null, null),
        ];
        user.Active = user.Grants[0];
        return user;
    }
}
