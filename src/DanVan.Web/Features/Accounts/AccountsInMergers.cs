using System.Globalization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts;

/// <summary>A merger moves the sources' assignments to the successor; one the account already holds there is
/// dropped.</summary>
internal sealed class AccountsInMergers(DanVanDbContext db) : IUnitMergeStep
{
    public async Task<string?> MoveAsync(UnitMerger merger, CancellationToken ct)
    {
        var ids = merger.SourceIds;
        var assignments = await db.Assignments.Where(a => ids.Contains(a.UnitId)).ToListAsync(ct);
        var held = await db
            .Assignments.Where(a => a.UnitId == merger.Target.Id)
            .Select(a => new { a.AccountId, a.Role })
            .ToListAsync(ct);
        foreach (var assignment in assignments)
        {
            if (held.Any(h => h.AccountId == assignment.AccountId && h.Role == assignment.Role))
            {
                db.Assignments.Remove(assignment);
                continue;
            }

            held.Add(new { assignment.AccountId, assignment.Role });
            assignment.UnitId = merger.Target.Id;
        }

        return string.Create(CultureInfo.InvariantCulture, $"assignments moved={assignments.Count}");
    }
}
