using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>
/// A handler's transaction: its own, or none when the caller's is already open (a create inside the idempotency
/// marker's
/// transaction, the demo seeding a year in one). Commit and roll back act only on a transaction of its own; the caller
/// decides about its own.
/// </summary>
public sealed class OwnTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? own;

    private OwnTransaction(IDbContextTransaction? own) => this.own = own;

    public static async Task<OwnTransaction> BeginAsync(DatabaseFacade database, CancellationToken ct) =>
        new(database.CurrentTransaction is null ? await database.BeginTransactionAsync(ct) : null);

    /// <summary>Whether this handler began the transaction (it was not inside the caller's).</summary>
    public bool IsOwn => own is not null;

    public Task CommitAsync(CancellationToken ct) => own?.CommitAsync(ct) ?? Task.CompletedTask;

    public Task RollbackAsync(CancellationToken ct) => own?.RollbackAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
