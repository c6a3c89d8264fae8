namespace DanVan.Web.Infrastructure.Audit;

/// <summary>What happened. Data changes are recorded automatically; the rest by the code that does them.</summary>
public enum AuditAction
{
    Insert = 1,
    Update = 2,
    Delete = 3,
    SignIn = 10,
    SignInFailed = 11,
    SignOut = 12,
    LockedOut = 13,
    TwoFactorEnabled = 14,
    TwoFactorDisabled = 15,
    PasswordChanged = 16,
    PermissionGranted = 20,
    PermissionRevoked = 21,
    AccountDisabled = 22,
    AccountEnabled = 23,
    UnitRetired = 30,
    UnitsMerged = 31,
    UnitsImported = 32,
    TokenCreated = 40,
    TokenRevoked = 41,
    Exported = 50,
    PersonalDataViewed = 51,
    PersonalDataExported = 52,
    PersonalDataErased = 53,
    Emailed = 54,
    ReceiptIssued = 55,
    CitizenVerdict = 56,
    VerdictRefused = 57,
    FiguresImported = 60,
    FiguresEntered = 61,
    RecordsImported = 62,
}

/// <summary>
/// One line of the audit trail: who, when, in which unit, what, and the values before and after.
/// Rows are only ever inserted. The unit's ancestors are copied so the trail is scoped like everything else.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? AccountId { get; set; }
    public string ActorName { get; set; } = "";
    public int? UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public AuditAction Action { get; set; }
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Details { get; set; }
    public string? RemoteAddress { get; set; }
}
