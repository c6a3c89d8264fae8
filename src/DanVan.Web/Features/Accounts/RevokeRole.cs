using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Accounts;

/// <summary>Takes one of its roles (an assignment) from a managed account.</summary>
internal sealed class RevokeRole(
    DanVanDbContext db,
    ICurrentUser user,
    AccountRules rules,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int id, int assignmentId, CancellationToken ct)
    {
        var found = await db
            .Assignments.Where(g => g.Id == assignmentId && g.AccountId == id)
            .LoadScopedAsync(user, Permission.AccountsView, L["Accounts_AssignmentNotFound"], ct);
        if (!found.IsOk)
        {
            return found.Error;
        }

        var (account, error, _) = await rules.LoadManagedAsync(id, ct);
        if (account is null)
        {
            return error!;
        }

        var assignment = found.Value;
        db.Assignments.Remove(assignment);
        db.Audit(
            AuditAction.PermissionRevoked,
            nameof(Assignment),
            assignment.Id.ToString(CultureInfo.InvariantCulture),
            UnitScope.ScopeOf(assignment),
            $"account={id}; role={assignment.Role}; unit={assignment.UnitId}"
        );
        await db.SaveChangesAsync(ct);
        return assignment.Id;
    }
}
