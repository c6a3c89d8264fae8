using DanVan.Web.Resources;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Infrastructure.Auth;

/// <summary>Identity's messages in the request's language.</summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new()
        {
            Code = nameof(PasswordTooShort),
            Description = string.Format(SharedResource.Password_TooShort, length),
        };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = string.Format(SharedResource.Accounts_EmailInUse, email) };

    public override IdentityError DuplicateUserName(string userName) =>
        new()
        {
            Code = nameof(DuplicateUserName),
            Description = string.Format(SharedResource.Accounts_EmailInUse, userName),
        };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = SharedResource.Val_EmailPlain };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = SharedResource.Val_EmailPlain };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = SharedResource.Password_Mismatch };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = SharedResource.Conflict_ChangedMeanwhile };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = SharedResource.Problem_Unexpected };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = SharedResource.TwoFactor_InvalidCode };
}
