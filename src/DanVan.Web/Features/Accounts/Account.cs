using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Features.Accounts;

/// <summary>
/// A person who signs in. An account belongs to a home unit (where it is managed: unit administrators
/// of that subtree create, disable and assign it) and acts through its <see cref="Assignment"/>s.
/// </summary>
public sealed class Account : IdentityUser<int>, IUnitScoped
{
    public string DisplayName { get; set; } = "";
    public int HomeUnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public string? PreferredCulture { get; set; }

    /// <summary>The unit the account last chose to work in (switchable when it has several).</summary>
    public int? ActiveUnitId { get; set; }

    public List<Assignment> Assignments { get; set; } = [];

    int IUnitScoped.UnitId => HomeUnitId;
}

/// <summary>A role held by an account in one unit; it applies to the unit's whole subtree.</summary>
public sealed class Assignment : IUnitScoped
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public Role Role { get; set; }

    /// <summary>For agency handlers: the organization whose assigned matters they answer.</summary>
    public int? OrganizationId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A personal API token. Only a SHA-256 hash is stored; the secret is shown once.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public string Name { get; set; } = "";

    [AuditRedacted]
    public string TokenHash { get; set; } = "";
    public string Prefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>
    /// The hash of the account's security stamp when the token was made: a password change or reset, "sign out
    /// everywhere", a new authenticator or a disabled account moves the stamp on, and every token made before stops
    /// working.
    /// </summary>
    [AuditRedacted]
    public string? StampHash { get; set; }
}
