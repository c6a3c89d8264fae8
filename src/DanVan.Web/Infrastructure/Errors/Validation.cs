using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using DanVan.Web.Resources;

namespace DanVan.Web.Infrastructure.Errors;

/// <summary>
/// Runs the DataAnnotations of a request record once, in the handler, so pages, the API and the command
/// line share one validation path and one set of localized messages.
/// </summary>
public static class RequestValidation
{
    public static ValidationErrors Validate(object request)
    {
        var errors = new ValidationErrors();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                errors.Add(member, result.ErrorMessage ?? SharedResource.Val_Invalid);
            }
        }

        return errors;
    }
}

/// <summary>A required field; whitespace alone does not count.</summary>
public sealed class RequiredFieldAttribute : RequiredAttribute
{
    public RequiredFieldAttribute()
    {
        ErrorMessageResourceType = typeof(SharedResource);
        ErrorMessageResourceName = nameof(SharedResource.Val_Required);
    }
}

/// <summary>At most <c>length</c> characters.</summary>
public sealed class MaxCharsAttribute : StringLengthAttribute
{
    public MaxCharsAttribute(int length)
        : base(length)
    {
        ErrorMessageResourceType = typeof(SharedResource);
        ErrorMessageResourceName = nameof(SharedResource.Val_MaxLength);
    }
}

/// <summary>
/// Free text a person typed: any script, any symbol, but no control characters other than tab and line
/// breaks (PostgreSQL cannot store NUL; the others only ever arrive by accident or attack).
/// </summary>
public sealed class PlainTextAttribute : ValidationAttribute
{
    public PlainTextAttribute()
    {
        ErrorMessageResourceType = typeof(SharedResource);
        ErrorMessageResourceName = nameof(SharedResource.Val_ControlCharacters);
    }

    public override bool IsValid(object? value) =>
        value is not string text || !text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
}

/// <summary>An official code: letters, digits, dot, dash and underscore.</summary>
public sealed partial class OfficialCodeAttribute : ValidationAttribute
{
    public OfficialCodeAttribute()
    {
        ErrorMessageResourceType = typeof(SharedResource);
        ErrorMessageResourceName = nameof(SharedResource.Val_Code);
    }

    public override bool IsValid(object? value) =>
        value is not string text || text.Length == 0 || CodePattern().IsMatch(text);

    [GeneratedRegex("^[0-9A-Za-z._-]+$")]
    private static partial Regex CodePattern();
}

/// <summary>A value defined by the enum (a bound integer outside it is refused).</summary>
public sealed class DefinedValueAttribute : ValidationAttribute
{
    public DefinedValueAttribute()
    {
        ErrorMessageResourceType = typeof(SharedResource);
        ErrorMessageResourceName = nameof(SharedResource.Val_Choose);
    }

    public override bool IsValid(object? value) =>
        value is null || (value.GetType().IsEnum && Enum.IsDefined(value.GetType(), value));
}
