using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Accounts.SignIn;

public sealed class NewTokenInput
{
    [RequiredField, MaxChars(100), PlainText]
    [Display(Name = nameof(SharedResource.Field_TokenName), ResourceType = typeof(SharedResource))]
    public string Name { get; set; } = "";

    [Range(
        1,
        365,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    [Display(Name = nameof(SharedResource.Field_TokenDays), ResourceType = typeof(SharedResource))]
    public int Days { get; set; } = 90;
}

/// <summary>
/// A token as listed. <see cref="Ended"/>: the account's password was changed or reset, or its sessions were ended
/// everywhere, since the token was made (tokens are tied to the account's security stamp), so it no longer works.
/// </summary>
public sealed record TokenRow(
    int Id,
    string Name,
    string Prefix,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? LastUsedAt,
    DateTime? RevokedAt,
    bool Ended = false
);

/// <summary>The signed-in account's own API tokens: create (the secret is shown once), list, revoke.</summary>
internal sealed class ApiTokens(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<IReadOnlyList<TokenRow>> ListAsync(CancellationToken ct)
    {
        if (user.AccountId is not { } id)
        {
            return [];
        }

        var stamp = await db.Users.Where(a => a.Id == id).Select(a => a.SecurityStamp).SingleOrDefaultAsync(ct);
        return await RowsAsync(db, id, stamp, ct);
    }

    /// <summary>An account's tokens, newest first, each marked ended when the account's stamp moved on since it was
    /// made.</summary>
    public static async Task<IReadOnlyList<TokenRow>> RowsAsync(
        DanVanDbContext db,
        int accountId,
        string? securityStamp,
        CancellationToken ct
    )
    {
        var current = TokenAuthentication.StampHash(securityStamp);
        return
        [
            .. (
                await db
                    .ApiTokens.AsNoTracking()
                    .Where(t => t.AccountId == accountId)
                    .OrderByDescending(t => t.Id)
                    .Select(t => new
                    {
                        Row = new TokenRow(
                            t.Id,
                            t.Name,
                            t.Prefix,
                            t.CreatedAt,
                            t.ExpiresAt,
                            t.LastUsedAt,
                            t.RevokedAt,
                            false
                        ),
                        t.StampHash,
                    })
                    .ToListAsync(ct)
            ).Select(t => t.Row with { Ended = t.Row.RevokedAt is null && t.StampHash != current }),
        ];
    }

    public async Task<Result<string>> CreateAsync(NewTokenInput input, CancellationToken ct)
    {
        if (user.AccountId is not { } accountId)
        {
            return new ForbiddenError(L["Problem_Unauthorized"]);
        }

        var errors = RequestValidation.Validate(input);
        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var account = await db
            .Users.Where(a => a.Id == accountId)
            .Select(a => new { a.SecurityStamp, a.TwoFactorEnabled })
            .SingleAsync(ct);
        if (!account.TwoFactorEnabled && user.Grants.Any(g => RolePermissions.RequiresTwoFactor(g.Role)))
        {
            return new ForbiddenError(L["Tokens_NeedTwoFactor"]);
        }

        var (secret, hash, prefix) = TokenAuthentication.NewToken();
        var token = new ApiToken
        {
            AccountId = accountId,
            Name = input.Name,
            TokenHash = hash,
            Prefix = prefix,
            StampHash = TokenAuthentication.StampHash(account.SecurityStamp),
            CreatedAt = db.UtcNow,
            ExpiresAt = db.UtcNow.AddDays(input.Days),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        db.Audit(
            AuditAction.TokenCreated,
            nameof(ApiToken),
            token.Id.ToString(CultureInfo.InvariantCulture),
            user.Active?.Unit,
            token.Name
        );
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public async Task<Result<int>> RevokeAsync(int id, CancellationToken ct)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.AccountId == user.AccountId, ct);
        if (token is null)
        {
            return new NotFoundError(L["Tokens_NotFound"]);
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = db.UtcNow;
            db.Audit(
                AuditAction.TokenRevoked,
                nameof(ApiToken),
                token.Id.ToString(CultureInfo.InvariantCulture),
                user.Active?.Unit,
                token.Name
            );
            await db.SaveChangesAsync(ct);
        }

        return token.Id;
    }
}
