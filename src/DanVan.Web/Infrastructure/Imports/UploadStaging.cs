using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Infrastructure.Imports;

/// <summary>Keeps an uploaded file between preview and commit, for the account that uploaded it only.</summary>
internal sealed class UploadStaging(DanVanDbContext db, ICurrentUser user)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public async Task<Guid> StageAsync(string purpose, string fileName, Stream content, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, ct);
        var expired = db.UtcNow - Lifetime;
        db.StagedUploads.RemoveRange(await db.StagedUploads.Where(s => s.CreatedAt < expired).ToListAsync(ct));
        var staged = new StagedUpload
        {
            Id = Guid.NewGuid(),
            AccountId = user.AccountId ?? 0,
            Purpose = purpose,
            FileName = Path.GetFileName(fileName),
            Content = copy.ToArray(),
            CreatedAt = db.UtcNow,
        };
        db.StagedUploads.Add(staged);
        await db.SaveChangesAsync(ct);
        return staged.Id;
    }

    public Task<StagedUpload?> FindAsync(Guid id, string purpose, CancellationToken ct) =>
        db.StagedUploads.SingleOrDefaultAsync(
            s => s.Id == id && s.Purpose == purpose && s.AccountId == (user.AccountId ?? 0),
            ct
        );

    public async Task RemoveAsync(StagedUpload staged, CancellationToken ct)
    {
        db.StagedUploads.Remove(staged);
        await db.SaveChangesAsync(ct);
    }
}
